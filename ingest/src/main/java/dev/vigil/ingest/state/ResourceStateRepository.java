package dev.vigil.ingest.state;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.store.Sql;
import dev.vigil.store.contracts.StateColumns;
import dev.vigil.workflows.workflow.HealthState;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * SQL of {@code resource_state} as ingest uses it. The owner of a Kafka partition is the only
 * writer of its resources' rows (the compare-and-set on {@code ingest_offset} fences any other), so
 * it reads rows without locking them and writes a batch's rows in two set-based statements: an
 * update of what events change in the rows it knows exist, an upsert of the others. It never
 * touches the mitigation columns (phase, attempt_count, last_action, workflow_id, incident_id),
 * which the incident activities own. Timestamps travel as ISO-8601 text, independent of the JVM's
 * time zone.
 */
@Singleton
public class ResourceStateRepository {
  /** {@code signal_marks}: ingest's bookkeeping per signal key ({@code code|reason}). */
  static final TypeReference<Map<String, SignalMark>> MARKS = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, type, cluster, namespace, name, component, health_state, active_signals::text,"
          + " signal_marks, labels::text, last_event_timestamp, last_transition_at,"
          + " next_expiry_at";

  /** The rows of these ids. Relies on resource_state_pkey (id = any(...)). */
  static final String LOAD = "select " + COLUMNS + " from resource_state where id = any(?)";

  /**
   * Rows whose next signal expiry has passed, of these partitions or of none yet (rows written
   * before partition ownership; the caller keeps those whose id hashes to a partition it owns).
   * Relies on resource_state_partition_expiry_idx and resource_state_next_expiry_idx.
   */
  static final String DUE =
      "select "
          + COLUMNS
          + ", partition from resource_state where next_expiry_at <= ?::timestamptz"
          + " and (partition = any(?) or partition is null) order by next_expiry_at limit ?";

  /**
   * Writes a batch's folded rows, new and existing, in one statement (one round trip, one plan),
   * its 14 columns given as {@link BatchColumns} (the last one, the partition, cast to int[]).
   * Relies on resource_state_pkey (ON CONFLICT (id)).
   */
  private static final Unnest UPSERT =
      Unnest.of(
          14,
          """
      insert into resource_state as r (id, type, cluster, namespace, name, component, labels,
             health_state, active_signals, signal_marks, last_event_timestamp, last_transition_at,
             next_expiry_at, partition)
      select t.id, t.type, coalesce(t.cluster, 'default'), t.namespace, t.name, t.component,
             t.labels::jsonb, t.health_state, t.active_signals::json, t.signal_marks,
             t.last_event_timestamp::timestamptz, t.last_transition_at::timestamptz,
             t.next_expiry_at::timestamptz, t.partition
        from unnest(%s)
             as t(id, type, cluster, namespace, name, component, labels, health_state,
                  active_signals, signal_marks, last_event_timestamp, last_transition_at,
                  next_expiry_at, partition)
      on conflict (id) do update set
             type = excluded.type,
             cluster = excluded.cluster,
             namespace = excluded.namespace,
             component = excluded.component,
             health_state = excluded.health_state,
             active_signals = excluded.active_signals,
             signal_marks = excluded.signal_marks,
             labels = excluded.labels,
             last_event_timestamp = excluded.last_event_timestamp,
             last_transition_at = excluded.last_transition_at,
             next_expiry_at = excluded.next_expiry_at,
             partition = excluded.partition,
             updated_at = now()
      """);

  /**
   * Rewrites what events change in rows that exist and keep their identity (type, cluster,
   * namespace, name, component, labels): a plain update, without the row lock {@code on conflict do
   * update} takes (and logs) before it updates, and without the columns that did not change. Relies
   * on resource_state_pkey (r.id = t.id). Its 8 columns come as {@link BatchColumns}.
   */
  private static final Unnest REWRITE =
      Unnest.of(
          8,
          """
      update resource_state as r set
             health_state = t.health_state,
             active_signals = t.active_signals::json,
             signal_marks = t.signal_marks,
             last_event_timestamp = t.last_event_timestamp::timestamptz,
             last_transition_at = t.last_transition_at::timestamptz,
             next_expiry_at = t.next_expiry_at::timestamptz,
             partition = t.partition,
             updated_at = now()
        from unnest(%s)
             as t(id, health_state, active_signals, signal_marks, last_event_timestamp,
                  last_transition_at, next_expiry_at, partition)
       where r.id = t.id
      """);

  private final JdbcOperations jdbc;

  public ResourceStateRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored rows of these resources (those that have one), keyed by id. */
  public Map<String, ResourceState> load(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        LOAD,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray(String[]::new)));
          Map<String, ResourceState> rows = new LinkedHashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ResourceState state = read(rs);
              rows.put(state.id(), state);
            }
          }
          return rows;
        });
  }

  /** A row due for expiry and the partition it was written from (null: not known yet). */
  public record Due(ResourceState state, Integer partition) {}

  /**
   * Up to {@code limit} rows of these partitions (or of none) with a signal expired at {@code now}.
   */
  public Map<String, Due> due(Instant now, Collection<Integer> partitions, int limit) {
    return jdbc.prepareStatement(
        DUE,
        ps -> {
          ps.setString(1, now.toString());
          ps.setArray(
              2, ps.getConnection().createArrayOf("int4", partitions.toArray(Integer[]::new)));
          ps.setInt(3, limit);
          Map<String, Due> rows = new LinkedHashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              int partition = rs.getInt(14);
              ResourceState state = read(rs);
              rows.put(state.id(), new Due(state, rs.wasNull() ? null : partition));
            }
          }
          return rows;
        });
  }

  /** Writes the folded rows; {@code partitions} says which partition each row belongs to. */
  public void upsert(Collection<ResourceState> states, Map<String, Integer> partitions) {
    if (states.isEmpty()) {
      return;
    }
    int written =
        write(
            UPSERT,
            states,
            (row, s) -> {
              row.text(0, s.id());
              row.text(1, s.type());
              row.text(2, s.cluster());
              row.text(3, s.namespace());
              row.text(4, s.name());
              row.text(5, s.component());
              row.json(6, out -> StateColumns.writeLabels(s.labels(), out));
              eventColumns(row, 7, s, partitions);
            });
    if (written != states.size()) {
      throw new IllegalStateException(
          "resource_state: " + written + " of " + states.size() + " rows written");
    }
  }

  /**
   * Rewrites the event-driven columns of rows that exist ({@link #REWRITE}); false when some were
   * not found (the caller upserts them: nothing deletes a row, but nothing is lost if one did).
   */
  public boolean rewrite(Collection<ResourceState> states, Map<String, Integer> partitions) {
    if (states.isEmpty()) {
      return true;
    }
    int written =
        write(
            REWRITE,
            states,
            (row, s) -> {
              row.text(0, s.id());
              eventColumns(row, 1, s, partitions);
            });
    return written == states.size();
  }

  /**
   * The columns events change, from column {@code from} on, in the order both statements list them
   * last: health, signals, marks, the three instants, the partition.
   */
  private static void eventColumns(
      BatchColumns row, int from, ResourceState s, Map<String, Integer> partitions) {
    row.text(from, s.health().name());
    row.json(from + 1, out -> StateColumns.writeActiveSignals(s.activeSignals(), out));
    row.json(from + 2, out -> SignalMark.writeAll(s.marks(), out));
    row.instant(from + 3, s.lastEventTimestamp());
    row.instant(from + 4, s.lastTransitionAt());
    row.instant(from + 5, s.nextExpiryAt());
    row.number(from + 6, partitions.get(s.id()));
  }

  /**
   * A statement over a batch's columns ({@code %s} in its text: their parameters, the last one the
   * partition), in the two forms {@link BatchColumns} binds.
   */
  private record Unnest(int columns, String separated, String arrays) {
    static Unnest of(int columns, String template) {
      return new Unnest(
          columns,
          template.formatted(parameters(columns, BatchColumns.Separated.PARAMETER)),
          template.formatted(parameters(columns, BatchColumns.TextArrays.PARAMETER)));
    }

    private static String parameters(int columns, String parameter) {
      List<String> parameters = new ArrayList<>(Collections.nCopies(columns - 1, parameter));
      parameters.add(parameter + "::int[]");
      return String.join(", ", parameters);
    }
  }

  /** Runs the statement over the rows as separated texts, or as arrays when a value won't fit. */
  private int write(
      Unnest statement,
      Collection<ResourceState> states,
      BiConsumer<BatchColumns, ResourceState> row) {
    BatchColumns.Separated separated =
        new BatchColumns.Separated(statement.columns(), states.size());
    fill(separated, states, row);
    if (separated.fits()) {
      return execute(statement.separated(), separated);
    }
    BatchColumns arrays = new BatchColumns.TextArrays(statement.columns(), states.size());
    fill(arrays, states, row);
    return execute(statement.arrays(), arrays);
  }

  private static void fill(
      BatchColumns columns,
      Collection<ResourceState> states,
      BiConsumer<BatchColumns, ResourceState> row) {
    for (ResourceState s : states) {
      columns.nextRow();
      row.accept(columns, s);
    }
  }

  private int execute(String sql, BatchColumns columns) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          columns.bind(ps);
          return ps.executeUpdate();
        });
  }

  private static ResourceState read(ResultSet rs) throws SQLException {
    return new ResourceState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        HealthState.valueOf(rs.getString(7)),
        StateColumns.activeSignals(rs.getString(8)),
        StateColumns.read(rs.getString(9), MARKS, Map.of()),
        StateColumns.labels(rs.getString(10)),
        Sql.instant(rs, 11),
        Sql.instant(rs, 12),
        Sql.instant(rs, 13));
  }
}
