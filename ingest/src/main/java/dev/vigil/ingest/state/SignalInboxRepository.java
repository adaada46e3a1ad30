package dev.vigil.ingest.state;

import dev.vigil.ingest.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code signal_inbox}: the dedup of events by id (HA pairs, Kafka redeliveries, retries). */
@Singleton
public class SignalInboxRepository {
  /**
   * Records the ids and returns those not seen before. Relies on signal_inbox_pkey (ON CONFLICT
   * (event_id)).
   */
  static final String CLAIM =
      """
      insert into signal_inbox (event_id, resource_id)
      select * from unnest(?::text[], ?::text[])
      on conflict (event_id) do nothing
      returning event_id
      """;

  /** Oldest rows first, a bounded chunk at a time. Relies on signal_inbox_received_at_idx. */
  static final String PRUNE =
      """
      delete from signal_inbox where event_id in (
        select event_id from signal_inbox where received_at < ? order by received_at limit ?)
      """;

  private final JdbcOperations jdbc;

  public SignalInboxRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param eventIds distinct event ids
   * @param resourceIds the resource of each id, same order
   * @return the ids that are new
   */
  public Set<String> claim(List<String> eventIds, List<String> resourceIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return jdbc.prepareStatement(
        CLAIM,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, c.createArrayOf("text", eventIds.toArray(String[]::new)));
          ps.setArray(2, c.createArrayOf("text", resourceIds.toArray(String[]::new)));
          Set<String> fresh = new HashSet<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              fresh.add(rs.getString(1));
            }
          }
          return fresh;
        });
  }

  /** Deletes up to {@code limit} ids received before {@code before}; returns how many. */
  public int prune(Instant before, int limit) {
    return jdbc.prepareStatement(
        PRUNE,
        ps -> {
          Sql.setInstant(ps, 1, before);
          ps.setInt(2, limit);
          return ps.executeUpdate();
        });
  }
}
