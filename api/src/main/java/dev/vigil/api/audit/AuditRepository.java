package dev.vigil.api.audit;

import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.api.tenancy.Visibility;
import dev.vigil.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code audit_log}, newest first, keyset-paginated on {@code id}. */
@Singleton
@Connectable(readOnly = true)
public class AuditRepository {
  private final JdbcOperations jdbc;
  private final Tenancy tenancy;

  public AuditRepository(JdbcOperations jdbc, Tenancy tenancy) {
    this.jdbc = jdbc;
    this.tenancy = tenancy;
  }

  /**
   * Rows written at or after {@code since}, older than {@code beforeId} when given, newest first. A
   * caller who sees every org reads every row; one limited to orgs reads its own rows and those
   * whose target is a resource or incident it sees. {@code audit_log_at_idx (at desc)} serves the
   * window.
   */
  public List<AuditRecord> list(
      Visibility visibility,
      String caller,
      Instant since,
      @Nullable String actor,
      @Nullable String action,
      @Nullable Long beforeId,
      int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
                "select id, at, actor, action, target, request::text as request, result,"
                    + " status_code, trace_id from audit_log a where at >= ?")
            .append(visible(visibility, caller, params, since));
    if (actor != null) {
      sql.append(" and actor = ?");
      params.add(actor);
    }
    if (action != null) {
      sql.append(" and action = ?");
      params.add(action);
    }
    if (beforeId != null) {
      sql.append(" and id < ?");
      params.add(beforeId);
    }
    sql.append(" order by id desc limit ?");
    params.add(limit);
    return jdbc.prepareStatement(
        sql.toString(),
        ps -> {
          Sql.bind(ps, params);
          List<AuditRecord> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new AuditRecord(
                      rs.getLong("id"),
                      Sql.instant(rs, "at"),
                      rs.getString("actor"),
                      rs.getString("action"),
                      rs.getString("target"),
                      rs.getString("request"),
                      rs.getString("result"),
                      rs.getInt("status_code"),
                      rs.getString("trace_id")));
            }
          }
          return rows;
        });
  }

  /** The window's parameter first, then the tenancy condition's ({@code ""} for every org). */
  private String visible(Visibility visibility, String caller, List<Object> params, Instant since) {
    params.add(since);
    if (visibility.everything()) {
      return "";
    }
    params.add(caller);
    String resource = tenancy.visibleSql(visibility, "r.", params);
    String incidentResource = tenancy.visibleSql(visibility, "r.", params);
    return " and (a.actor = ?"
        + " or exists (select 1 from resource_state r where r.id = a.target and "
        + resource
        + ") or exists (select 1 from incident i join resource_state r on r.id = i.resource_id"
        + " where i.id = split_part(a.target, '/', 1) and "
        + incidentResource
        + "))";
  }
}
