package dev.vigil.ingest.state;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code ingest_offset}: per partition of the signals topic, the offset of the next record whose
 * effect is not in the state store yet. It moves in the same transaction as the state, so after a
 * crash or a rebalance the new owner starts exactly where the stored state ends: no record is lost
 * or applied twice, whatever Kafka's own committed offsets say (those are written afterwards, for
 * lag monitoring only).
 */
@Singleton
public class PartitionLedger {
  /** Relies on ingest_offset_pkey. */
  static final String LOAD =
      "select partition, next_offset from ingest_offset where topic = ? and partition = any(?)";

  /** First owner of a partition: its starting position. Relies on ingest_offset_pkey. */
  static final String CREATE =
      """
      insert into ingest_offset (topic, partition, next_offset, owner) values (?, ?, ?, ?)
      on conflict (topic, partition) do nothing
      """;

  /**
   * Moves each partition from the offset its owner believes is stored to the next one, only where
   * that belief still holds (compare-and-set): an owner that lost the partition meanwhile (a
   * rebalance, a long pause) moves nothing and must drop what it holds. The row lock serialises two
   * owners racing for one partition. Relies on ingest_offset_pkey.
   */
  static final String ADVANCE =
      """
      update ingest_offset o set next_offset = t.next_offset, owner = ?, updated_at = now()
        from unnest(?::int[], ?::bigint[], ?::bigint[]) as t(partition, expected, next_offset)
       where o.topic = ? and o.partition = t.partition and o.next_offset = t.expected
      returning o.partition
      """;

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  public PartitionLedger(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** The stored next offsets of these partitions (those that have one). */
  public Map<Integer, Long> load(String topic, Collection<Integer> partitions) {
    return tx.executeRead(status -> loadInTransaction(topic, partitions));
  }

  private Map<Integer, Long> loadInTransaction(String topic, Collection<Integer> partitions) {
    return jdbc.prepareStatement(
        LOAD,
        ps -> {
          ps.setString(1, topic);
          ps.setArray(
              2, ps.getConnection().createArrayOf("int4", partitions.toArray(Integer[]::new)));
          Map<Integer, Long> offsets = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              offsets.put(rs.getInt(1), rs.getLong(2));
            }
          }
          return offsets;
        });
  }

  /** Stores {@code offset} as the partition's start unless it already has one. */
  public void createIfMissing(String topic, int partition, long offset, String owner) {
    tx.executeWrite(
        status ->
            jdbc.prepareStatement(
                CREATE,
                ps -> {
                  ps.setString(1, topic);
                  ps.setInt(2, partition);
                  ps.setLong(3, offset);
                  ps.setString(4, owner);
                  return ps.executeUpdate();
                }));
  }

  /**
   * Moves each partition from {@code expected} to {@code next} (equal values only confirm that the
   * caller still owns it). Returns the partitions whose stored offset was not what the caller
   * expected: the caller no longer owns them, and must roll back.
   */
  public Set<Integer> advance(
      String topic, String owner, Map<Integer, Long> expected, Map<Integer, Long> next) {
    if (expected.isEmpty()) {
      return Set.of();
    }
    int n = expected.size();
    Integer[] partitions = new Integer[n];
    Long[] from = new Long[n];
    Long[] to = new Long[n];
    int i = 0;
    for (Map.Entry<Integer, Long> e : expected.entrySet()) {
      partitions[i] = e.getKey();
      from[i] = e.getValue();
      to[i] = next.getOrDefault(e.getKey(), e.getValue());
      i++;
    }
    Set<Integer> moved =
        jdbc.prepareStatement(
            ADVANCE,
            ps -> {
              Connection c = ps.getConnection();
              ps.setString(1, owner);
              ps.setArray(2, c.createArrayOf("int4", partitions));
              ps.setArray(3, c.createArrayOf("int8", from));
              ps.setArray(4, c.createArrayOf("int8", to));
              ps.setString(5, topic);
              Set<Integer> done = new HashSet<>();
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  done.add(rs.getInt(1));
                }
              }
              return done;
            });
    Set<Integer> fenced = new HashSet<>(expected.keySet());
    fenced.removeAll(moved);
    return fenced;
  }
}
