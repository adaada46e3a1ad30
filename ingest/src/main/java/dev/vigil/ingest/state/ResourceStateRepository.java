package dev.vigil.ingest.state;

import dev.vigil.ingest.Sql;
import dev.vigil.ingest.envelope.ResourceIds;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.workflows.workflow.HealthState;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQL of {@code resource_state} as ingest uses it. The upsert of a batch is three statements in the
 * consumer's transaction: create the rows of first-seen resources, lock every row of the batch (in
 * id order, so two transactions never deadlock), then write what {@link ResourceFold} computed, all
 * rows in one statement. Order-safety lives in the fold, under the row lock; the statements
 * themselves are idempotent.
 */
@Singleton
public class ResourceStateRepository {
  private static final String COLUMNS =
      "id, type, cluster, namespace, name, component, health_state, active_signals::text,"
          + " signal_marks::text, labels::text, last_event_timestamp, last_transition_at,"
          + " next_expiry_at";

  /** First-seen resources get a Healthy row. Relies on resource_state_pkey (ON CONFLICT (id)). */
  static final String INSERT_MISSING =
      """
      insert into resource_state (id, type, cluster, namespace, name, component, health_state)
      select t.id, t.type, t.cluster, t.namespace, t.name, t.component, 'Healthy'
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
             as t(id, type, cluster, namespace, name, component)
      on conflict (id) do nothing
      """;

  /** Row locks for the batch, in id order. Relies on resource_state_pkey (id = any(...)). */
  static final String LOCK =
      "select " + COLUMNS + " from resource_state where id = any(?) order by id for update";

  /**
   * Rows whose next signal expiry has passed, for the TTL sweeper; rows another transaction holds
   * are skipped. Relies on resource_state_next_expiry_idx (partial, next_expiry_at is not null).
   */
  static final String LOCK_EXPIRED =
      "select "
          + COLUMNS
          + " from resource_state where next_expiry_at <= ? order by next_expiry_at limit ?"
          + " for update skip locked";

  /**
   * Writes the folded rows of a batch in one set-based statement (one round trip, one plan, instead
   * of one statement per row: 2.4x the rows/s of the per-row upsert in the bench). The rows exist
   * and are locked by now ({@link #insertMissing}, {@link #lock}). Relies on resource_state_pkey
   * (r.id = t.id). It never touches the mitigation columns (phase, attempt_count, last_action,
   * workflow_id, incident_id), which the incident activities own. Timestamps travel as ISO-8601
   * text, independent of the JVM's time zone.
   */
  static final String UPDATE =
      """
      update resource_state as r set
             type = t.type,
             cluster = t.cluster,
             namespace = t.namespace,
             component = t.component,
             health_state = t.health_state,
             active_signals = t.active_signals::jsonb,
             signal_marks = t.signal_marks::jsonb,
             labels = t.labels::jsonb,
             last_event_timestamp = t.last_event_timestamp::timestamptz,
             last_transition_at = t.last_transition_at::timestamptz,
             next_expiry_at = t.next_expiry_at::timestamptz,
             updated_at = now()
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
             as t(id, type, cluster, namespace, component, health_state, active_signals,
                  signal_marks, labels, last_event_timestamp, last_transition_at, next_expiry_at)
       where r.id = t.id
      """;

  private final JdbcOperations jdbc;

  public ResourceStateRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates Healthy rows for the resources of these signals that have none yet. */
  public void insertMissing(Collection<Signal> firstOfEachResource) {
    if (firstOfEachResource.isEmpty()) {
      return;
    }
    int n = firstOfEachResource.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] clusters = new String[n];
    String[] namespaces = new String[n];
    String[] names = new String[n];
    String[] components = new String[n];
    int i = 0;
    for (Signal signal : firstOfEachResource) {
      ids[i] = signal.resourceId();
      types[i] = signal.resourceType();
      clusters[i] = signal.cluster();
      namespaces[i] = signal.namespace();
      names[i] = ResourceIds.nameOf(signal.resourceId());
      components[i] = signal.component();
      i++;
    }
    jdbc.prepareStatement(
        INSERT_MISSING,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, c.createArrayOf("text", ids));
          ps.setArray(2, c.createArrayOf("text", types));
          ps.setArray(3, c.createArrayOf("text", clusters));
          ps.setArray(4, c.createArrayOf("text", namespaces));
          ps.setArray(5, c.createArrayOf("text", names));
          ps.setArray(6, c.createArrayOf("text", components));
          return ps.executeUpdate();
        });
  }

  /** Locks and reads the rows, keyed by id. */
  public Map<String, ResourceState> lock(Collection<String> ids) {
    return jdbc.prepareStatement(
        LOCK,
        ps -> {
          Array array = ps.getConnection().createArrayOf("text", ids.toArray(String[]::new));
          ps.setArray(1, array);
          return read(ps);
        });
  }

  /** Locks and reads up to {@code limit} rows with a signal expired at {@code now}. */
  public Map<String, ResourceState> lockExpired(Instant now, int limit) {
    return jdbc.prepareStatement(
        LOCK_EXPIRED,
        ps -> {
          Sql.setInstant(ps, 1, now);
          ps.setInt(2, limit);
          return read(ps);
        });
  }

  /** Writes the folded rows (which exist and are locked). */
  public void update(Collection<ResourceState> states) {
    if (states.isEmpty()) {
      return;
    }
    int n = states.size();
    String[][] columns = new String[12][n];
    int i = 0;
    for (ResourceState s : states) {
      columns[0][i] = s.id();
      columns[1][i] = s.type();
      columns[2][i] = s.cluster();
      columns[3][i] = s.namespace();
      columns[4][i] = s.component();
      columns[5][i] = s.health().name();
      columns[6][i] = StateJson.write(s.activeSignals());
      columns[7][i] = StateJson.write(s.marks());
      columns[8][i] = StateJson.write(s.labels());
      columns[9][i] = iso(s.lastEventTimestamp());
      columns[10][i] = iso(s.lastTransitionAt());
      columns[11][i] = iso(s.nextExpiryAt());
      i++;
    }
    int updated =
        jdbc.prepareStatement(
            UPDATE,
            ps -> {
              Connection c = ps.getConnection();
              for (int column = 0; column < columns.length; column++) {
                ps.setArray(column + 1, c.createArrayOf("text", columns[column]));
              }
              return ps.executeUpdate();
            });
    if (updated != n) {
      throw new IllegalStateException(
          "resource_state: " + updated + " of " + n + " locked rows updated");
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Map<String, ResourceState> read(PreparedStatement ps) throws SQLException {
    Map<String, ResourceState> rows = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ResourceState state =
            new ResourceState(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                HealthState.valueOf(rs.getString(7)),
                StateJson.signals(rs.getString(8)),
                StateJson.marks(rs.getString(9)),
                StateJson.labels(rs.getString(10)),
                Sql.instant(rs, 11),
                Sql.instant(rs, 12),
                Sql.instant(rs, 13));
        rows.put(state.id(), state);
      }
    }
    return rows;
  }
}
