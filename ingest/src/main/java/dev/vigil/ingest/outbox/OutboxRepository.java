package dev.vigil.ingest.outbox;

import dev.vigil.store.Sql;
import dev.vigil.store.contracts.Outbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** SQL of the transactional {@code outbox} table, for the consumer and the relay. */
@Singleton
public class OutboxRepository {
  static final String INSERT_OBSERVATION =
      "insert into outbox (kind, aggregate_id, event_type, payload, traceparent) values"
          + " ('"
          + Outbox.OBSERVATION
          + "', ?, ?, ?::jsonb, ?)";

  /**
   * Claims due rows for one relay round: only the oldest undelivered row of each aggregate (so a
   * resource's rows go out in order, even when an earlier one is backing off), rows other replicas
   * hold are skipped, and the claim pushes next_attempt_at out by a lease so no other replica takes
   * them while they are delivered. Relies on outbox_pending_idx (kind, id) for the scan and
   * outbox_pending_aggregate_idx (kind, aggregate_id, id) for the NOT EXISTS probe.
   */
  static final String CLAIM =
      """
      with due as (
        select o.id from outbox o
         where o.kind = ? and o.delivered_at is null and o.next_attempt_at <= now()
           and not exists (
             select 1 from outbox e
              where e.kind = o.kind and e.aggregate_id = o.aggregate_id
                and e.delivered_at is null and e.id < o.id)
         order by o.id
         limit ?
         for update skip locked)
      update outbox set next_attempt_at = now() + ? * interval '1 millisecond'
        from due where outbox.id = due.id
      returning outbox.id, outbox.kind, outbox.aggregate_id, outbox.event_type,
                outbox.payload::text, outbox.attempts, outbox.created_at, outbox.traceparent
      """;

  /**
   * Marks rows delivered. last_error stays: a row delivered after a timed-out attempt may have
   * reached its destination twice (the workflow dedups observations by event id), and operators can
   * see why it took several attempts.
   */
  static final String MARK_DELIVERED =
      "update outbox set delivered_at = now(), attempts = attempts + 1 where id = any(?)";

  /**
   * A row not delivered because its destination was down: due again soon, its attempts unchanged
   * (the row did nothing wrong; its backoff should not grow with the length of an outage).
   */
  static final String MARK_POSTPONED =
      "update outbox set next_attempt_at = now() + ? * interval '1 millisecond', last_error = ?"
          + " where id = ?";

  static final String MARK_FAILED =
      "update outbox set attempts = attempts + 1, next_attempt_at = now() + ? * interval '1"
          + " millisecond', last_error = ? where id = ?";

  /** Delivered rows past the retention, a chunk at a time. Relies on outbox_delivered_at_idx. */
  static final String PRUNE =
      """
      delete from outbox where id in (
        select id from outbox where delivered_at < ? order by delivered_at limit ?)
      """;

  /** Backlog per kind. Relies on the partial outbox_pending_idx (delivered_at is null). */
  static final String BACKLOG =
      "select kind, count(*), min(created_at) from outbox where delivered_at is null group by kind";

  private final JdbcOperations jdbc;

  public OutboxRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes observation rows (in the caller's transaction), in list order. */
  public void insertObservations(Collection<ObservationPayload> payloads) {
    insertObservations(payloads, p -> null);
  }

  /** As {@link #insertObservations(Collection)}, each row with the trace that caused it. */
  public void insertObservations(
      Collection<ObservationPayload> payloads, Function<ObservationPayload, String> traceparent) {
    if (payloads.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        INSERT_OBSERVATION,
        ps -> {
          for (ObservationPayload payload : payloads) {
            ps.setString(1, payload.resource().id());
            ps.setString(2, ObservationPayload.EVENT_TYPE);
            ps.setString(3, payload.toJson());
            ps.setString(4, traceparent.apply(payload));
            ps.addBatch();
          }
          return ps.executeBatch();
        });
  }

  /** Claims up to {@code limit} due rows of a kind for {@code lease}; see {@link #CLAIM}. */
  public List<OutboxRow> claim(String kind, int limit, Duration lease) {
    return jdbc.prepareStatement(
        CLAIM,
        ps -> {
          ps.setString(1, kind);
          ps.setInt(2, limit);
          ps.setLong(3, lease.toMillis());
          List<OutboxRow> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new OutboxRow(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getInt(6),
                      Sql.instant(rs, 7),
                      rs.getString(8)));
            }
          }
          rows.sort((a, b) -> Long.compare(a.id(), b.id()));
          return rows;
        });
  }

  public void markDelivered(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        MARK_DELIVERED,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
          return ps.executeUpdate();
        });
  }

  public void markPostponed(long id, Duration retryIn, String error) {
    jdbc.prepareStatement(
        MARK_POSTPONED,
        ps -> {
          ps.setLong(1, retryIn.toMillis());
          ps.setString(2, error);
          ps.setLong(3, id);
          return ps.executeUpdate();
        });
  }

  public void markFailed(long id, Duration retryIn, String error) {
    jdbc.prepareStatement(
        MARK_FAILED,
        ps -> {
          ps.setLong(1, retryIn.toMillis());
          ps.setString(2, error);
          ps.setLong(3, id);
          return ps.executeUpdate();
        });
  }

  public int prune(Instant deliveredBefore, int limit) {
    return jdbc.prepareStatement(
        PRUNE,
        ps -> {
          Sql.setInstant(ps, 1, deliveredBefore);
          ps.setInt(2, limit);
          return ps.executeUpdate();
        });
  }

  /** Undelivered rows per kind: count and the oldest row's creation time. */
  public Map<String, Backlog> backlog() {
    return jdbc.prepareStatement(
        BACKLOG,
        ps -> {
          Map<String, Backlog> backlog = new LinkedHashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              backlog.put(rs.getString(1), new Backlog(rs.getLong(2), Sql.instant(rs, 3)));
            }
          }
          return backlog;
        });
  }

  /** Undelivered rows of one kind. */
  public record Backlog(long count, Instant oldestCreatedAt) {}
}
