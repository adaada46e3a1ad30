package dev.vigil.api.events;

import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.store.Sql;
import dev.vigil.store.contracts.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code outbox} by id for the event stream. It reads delivered and undelivered rows
 * alike: the stream shows what happened, independent of the relay's progress.
 */
@Singleton
@Connectable(readOnly = true)
public class OutboxTail {
  /**
   * Namespace and severity come from the payload for health transitions (the resource and
   * observation as they were) and from the incident and its resource otherwise. The range scan on
   * the primary key {@code outbox_pkey} serves {@code id > ?}; the joins are primary-key lookups.
   * The resource's cluster and org (as {@link Tenancy} maps it) decide which clients see the row.
   */
  private static final String SELECT_TEMPLATE =
      "select o.id, o.kind, o.aggregate_id, o.event_type, o.payload::text as payload,"
          + " o.created_at,"
          + " case when o.kind = '"
          + Outbox.OBSERVATION
          + "' then o.aggregate_id else i.resource_id end"
          + "   as resource_id,"
          + " coalesce("
          + Outbox.namespaceSql("o.payload")
          + ", r.namespace) as namespace,"
          + " case when o.kind = '"
          + Outbox.OBSERVATION
          + "' then "
          + Outbox.severitySql("o.payload")
          + "   else i.severity end as severity,"
          + " r.cluster as cluster, %s as org"
          + " from outbox o"
          + " left join incident i on o.kind = '"
          + Outbox.INCIDENT
          + "' and i.id = o.aggregate_id"
          + " left join resource_state r on r.id ="
          + "   (case when o.kind = '"
          + Outbox.OBSERVATION
          + "' then o.aggregate_id else i.resource_id end)";

  /** An outbox row with what the stream needs to filter and describe it. */
  public record Row(
      long id,
      String kind,
      String aggregateId,
      String eventType,
      String payload,
      Instant createdAt,
      @Nullable String resourceId,
      @Nullable String namespace,
      @Nullable String severity,
      @Nullable String cluster,
      String org) {}

  private final JdbcOperations jdbc;
  private final String select;

  public OutboxTail(JdbcOperations jdbc, Tenancy tenancy) {
    this.jdbc = jdbc;
    this.select = SELECT_TEMPLATE.formatted(tenancy.orgSql("r."));
  }

  /** Rows with {@code id > afterId}, oldest first. */
  public List<Row> after(long afterId, int limit) {
    return query(select + " where o.id > ? order by o.id limit ?", List.of(afterId, limit));
  }

  /** The newest {@code limit} rows in {@code (afterId, upToId]}, oldest first: a resume. */
  public List<Row> newestBetween(long afterId, long upToId, int limit) {
    List<Row> rows =
        new ArrayList<>(
            query(
                select + " where o.id > ? and o.id <= ? order by o.id desc limit ?",
                List.of(afterId, upToId, limit)));
    java.util.Collections.reverse(rows);
    return rows;
  }

  /** The highest id so far (0 for an empty outbox): where a fresh stream starts. */
  public long maxId() {
    return jdbc.prepareStatement(
        "select coalesce(max(id), 0) from outbox",
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private List<Row> query(String sql, List<Object> params) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          Sql.bind(ps, params);
          List<Row> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new Row(
                      rs.getLong("id"),
                      rs.getString("kind"),
                      rs.getString("aggregate_id"),
                      rs.getString("event_type"),
                      rs.getString("payload"),
                      Sql.instant(rs, "created_at"),
                      rs.getString("resource_id"),
                      rs.getString("namespace"),
                      rs.getString("severity"),
                      rs.getString("cluster"),
                      rs.getString("org")));
            }
          }
          return rows;
        });
  }
}
