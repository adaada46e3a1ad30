package dev.vigil.api.resource;

import dev.vigil.api.tenancy.OutOfScope;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.api.tenancy.Visibility;
import dev.vigil.store.Sql;
import dev.vigil.store.contracts.StateColumns;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code resource_state}. Lists use keyset pagination on {@code id} (never OFFSET), so a page
 * costs the same at the end of a million rows as at the start.
 */
@Singleton
@Connectable(readOnly = true)
public class ResourceRepository {
  private static final String COLUMNS =
      "select id, type, health_state, last_event_timestamp, active_signals::text as active_signals,"
          + " phase, attempt_count, last_action, workflow_id, incident_id";

  private static final Argument<Map<String, String>> LABELS =
      Argument.mapOf(String.class, String.class);

  private final JdbcOperations jdbc;
  private final JsonMapper json;
  private final Tenancy tenancy;

  public ResourceRepository(JdbcOperations jdbc, JsonMapper json, Tenancy tenancy) {
    this.jdbc = jdbc;
    this.json = json;
    this.tenancy = tenancy;
  }

  /**
   * Up to {@code limit} resources after {@code afterId}, ordered by id. Each filter adds one
   * equality; with one filter the matching index of V1 serves filter, order and keyset together:
   * {@code resource_state_health_id_idx (health_state, id)}, {@code resource_state_type_id_idx
   * (type, id)}, {@code resource_state_cluster_id_idx (cluster, id)}; without filters the primary
   * key does. With several filters PostgreSQL picks the most selective of them and checks the
   * others per row. The SQL text differs per filter combination (no {@code ? is null or ...}
   * tricks), so each combination gets a plan that can use its index. Rows {@code visibility} does
   * not see are left out.
   */
  public List<ResourceView> list(
      Visibility visibility, ResourceFilter filter, String afterId, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(COLUMNS)
            .append(" from resource_state where ")
            .append(tenancy.visibleSql(visibility, "", params));
    if (filter.healthState() != null) {
      sql.append(" and health_state = ?");
      params.add(filter.healthState());
    }
    if (filter.type() != null) {
      sql.append(" and type = ?");
      params.add(filter.type());
    }
    if (filter.cluster() != null) {
      sql.append(" and cluster = ?");
      params.add(filter.cluster());
    }
    if (afterId != null) {
      sql.append(" and id > ?");
      params.add(afterId);
    }
    sql.append(" order by id limit ?");
    params.add(limit);
    return jdbc.prepareStatement(
        sql.toString(),
        ps -> {
          Sql.bind(ps, params);
          return read(ps);
        });
  }

  /**
   * One resource by id (primary key): empty when there is none, {@link OutOfScope} when {@code
   * visibility} does not see it.
   */
  public Optional<ResourceView> find(Visibility visibility, String id) {
    List<Object> params = new ArrayList<>();
    String visible = tenancy.visibleSql(visibility, "", params);
    params.add(id);
    return jdbc.prepareStatement(
        COLUMNS + ", " + visible + " as visible from resource_state where id = ?",
        ps -> {
          Sql.bind(ps, params);
          List<ResourceView> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              OutOfScope.unlessVisible(rs, "no resource " + id);
              rows.add(state(rs));
            }
          }
          return rows.stream().findFirst();
        });
  }

  /**
   * Whether the resource {@code id} exists and {@code visibility} does not see it (never with
   * {@link Visibility#ALL}): a request about it is out of the caller's scope, where one about a
   * missing resource is simply not found.
   */
  public boolean hidden(Visibility visibility, String id) {
    if (visibility.everything()) {
      return false;
    }
    List<Object> params = new ArrayList<>();
    String visible = tenancy.visibleSql(visibility, "", params);
    params.add(id);
    return jdbc.prepareStatement(
        "select " + visible + " as visible from resource_state where id = ?",
        ps -> {
          Sql.bind(ps, params);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && !rs.getBoolean("visible");
          }
        });
  }

  /**
   * The resource's identity as actions need it (type, cluster, namespace, name, labels), by primary
   * key: empty when there is none, {@link OutOfScope} when {@code visibility} does not see it.
   */
  public Optional<ResourceRef> findRef(Visibility visibility, String id) {
    List<Object> params = new ArrayList<>();
    String visible = tenancy.visibleSql(visibility, "", params);
    params.add(id);
    return jdbc.prepareStatement(
        "select id, type, cluster, namespace, name, labels::text as labels, "
            + visible
            + " as visible from resource_state where id = ?",
        ps -> {
          Sql.bind(ps, params);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            OutOfScope.unlessVisible(rs, "no resource " + id);
            return Optional.of(
                new ResourceRef(
                    rs.getString("id"),
                    rs.getString("type"),
                    rs.getString("cluster"),
                    rs.getString("namespace"),
                    rs.getString("name"),
                    labels(rs.getString("labels"))));
          }
        });
  }

  private Map<String, String> labels(String column) {
    try {
      return column == null ? Map.of() : json.readValue(column, LABELS);
    } catch (IOException e) {
      throw new UncheckedIOException("resource_state.labels is not a JSON object", e);
    }
  }

  private List<ResourceView> read(PreparedStatement ps) throws SQLException {
    List<ResourceView> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(state(rs));
      }
    }
    return rows;
  }

  private ResourceView state(ResultSet rs) throws SQLException {
    return new ResourceView(
        rs.getString("id"),
        rs.getString("type"),
        rs.getString("health_state"),
        Sql.instant(rs, "last_event_timestamp"),
        StateColumns.activeSignals(rs.getString("active_signals")),
        storedMitigation(rs));
  }

  private static MitigationStatus storedMitigation(ResultSet rs) throws SQLException {
    String phase = rs.getString("phase");
    String workflowId = rs.getString("workflow_id");
    if (phase == null && workflowId == null) {
      return null;
    }
    return new MitigationStatus(
        rs.getInt("attempt_count"),
        rs.getString("last_action"),
        phase,
        workflowId,
        rs.getString("incident_id"));
  }
}
