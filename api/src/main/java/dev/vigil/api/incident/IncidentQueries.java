package dev.vigil.api.incident;

import dev.vigil.api.tenancy.OutOfScope;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.api.tenancy.Visibility;
import dev.vigil.store.Sql;
import dev.vigil.store.contracts.Incident;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads incidents, their timeline ({@code incident_event}) and actions ({@code action_execution}).
 */
@Singleton
@Connectable(readOnly = true)
public class IncidentQueries {
  private static final String COLUMNS = "select " + Incident.COLUMNS;

  /** Where a page ends: the sort key (opened_at desc, id) of its last row. */
  public record After(Instant openedAt, String id) {}

  private final JdbcOperations jdbc;
  private final JsonMapper json;
  private final Tenancy tenancy;

  public IncidentQueries(JdbcOperations jdbc, JsonMapper json, Tenancy tenancy) {
    this.jdbc = jdbc;
    this.json = json;
    this.tenancy = tenancy;
  }

  /**
   * The condition that {@code visibility} sees an incident: it sees the incident's resource (an
   * incident whose resource row is gone only every org sees).
   */
  private String visible(Visibility visibility, List<Object> params) {
    if (visibility.everything()) {
      return "true";
    }
    return "exists (select 1 from resource_state r where r.id = incident.resource_id and "
        + tenancy.visibleSql(visibility, "r.", params)
        + ")";
  }

  /**
   * Newest first, keyset-paginated on {@code (opened_at desc, id)}. Indexes of V1: {@code
   * incident_status_opened_idx (status, opened_at desc, id)} with a status filter, {@code
   * incident_resource_opened_idx (resource_id, opened_at desc)} with a resource filter, {@code
   * incident_opened_idx (opened_at desc, id)} without; each returns rows already in page order.
   * Incidents {@code visibility} does not see are left out.
   */
  public List<Incident> list(
      Visibility visibility, IncidentFilter filter, @Nullable After after, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(COLUMNS)
            .append(" from incident where ")
            .append(visible(visibility, params));
    if (filter.status() != null) {
      sql.append(" and status = ?");
      params.add(filter.status());
    }
    if (filter.resourceId() != null) {
      sql.append(" and resource_id = ?");
      params.add(filter.resourceId());
    }
    if (after != null) {
      sql.append(" and (opened_at < ? or (opened_at = ? and id > ?))");
      params.add(after.openedAt());
      params.add(after.openedAt());
      params.add(after.id());
    }
    sql.append(" order by opened_at desc, id limit ?");
    params.add(limit);
    return jdbc.prepareStatement(
        sql.toString(),
        ps -> {
          Sql.bind(ps, params);
          List<Incident> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(Incident.read(rs));
            }
          }
          return rows;
        });
  }

  /**
   * One incident by id: empty when there is none, {@link OutOfScope} when {@code visibility} does
   * not see it.
   */
  public Optional<Incident> find(Visibility visibility, String id) {
    List<Object> params = new ArrayList<>();
    String visible = visible(visibility, params);
    params.add(id);
    return jdbc.prepareStatement(
        COLUMNS + ", " + visible + " as visible from incident where id = ?",
        ps -> {
          Sql.bind(ps, params);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            OutOfScope.unlessVisible(rs, "no incident " + id);
            return Optional.of(Incident.read(rs));
          }
        });
  }

  /** The timeline in workflow order; the unique (incident_id, seq) index serves it. */
  public List<TimelineEvent> timeline(String incidentId) {
    return jdbc.prepareStatement(
        "select seq, at, kind, phase, message, actor, details::text as details"
            + " from incident_event where incident_id = ? order by seq",
        ps -> {
          ps.setString(1, incidentId);
          List<TimelineEvent> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new TimelineEvent(
                      rs.getLong("seq"),
                      Sql.instant(rs, "at"),
                      rs.getString("kind"),
                      rs.getString("phase"),
                      rs.getString("message"),
                      rs.getString("actor"),
                      map(rs.getString("details"))));
            }
          }
          return rows;
        });
  }

  /** Action attempts in start order; {@code action_execution_incident_idx} serves it. */
  public List<ActionExecution> actions(String incidentId) {
    return jdbc.prepareStatement(
        "select rung, attempt, kind, action, target, params::text as params, dry_run, outcome,"
            + " summary, error_type, error, tries, started_at, finished_at"
            + " from action_execution where incident_id = ? order by started_at, id",
        ps -> {
          ps.setString(1, incidentId);
          List<ActionExecution> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new ActionExecution(
                      rs.getInt("rung"),
                      rs.getInt("attempt"),
                      rs.getString("kind"),
                      rs.getString("action"),
                      rs.getString("target"),
                      map(rs.getString("params")),
                      rs.getBoolean("dry_run"),
                      rs.getString("outcome"),
                      rs.getString("summary"),
                      rs.getString("error_type"),
                      rs.getString("error"),
                      rs.getInt("tries"),
                      Sql.instant(rs, "started_at"),
                      Sql.instant(rs, "finished_at")));
            }
          }
          return rows;
        });
  }

  private Map<String, Object> map(@Nullable String column) {
    if (column == null) {
      return Map.of();
    }
    try {
      Map<String, Object> m = json.readValue(column, Argument.mapOf(String.class, Object.class));
      return m == null ? Map.of() : m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
