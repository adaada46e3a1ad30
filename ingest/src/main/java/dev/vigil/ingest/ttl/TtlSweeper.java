package dev.vigil.ingest.ttl;

import dev.vigil.ingest.state.ResourceStateService;
import dev.vigil.ingest.state.ResourceStateService.BatchResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies signal TTLs: resources whose signals were not seen for their TTL lose them, and a health
 * change this causes is a transition like any other (state upsert and outbox row, one transaction).
 * Only one ingest replica sweeps at a time: each sweep holds a transaction-scoped PostgreSQL
 * advisory lock, and a replica that cannot take it skips its turn.
 */
@Singleton
@Requires(property = "vigil.ingest.ttl.sweeper-enabled", notEquals = "false")
public class TtlSweeper {
  /** The advisory lock key of the sweeper: the first 8 bytes of "vigilttl" as a long. */
  public static final long LOCK_KEY = 0x76696769_6c74746cL;

  static final String TRY_LOCK = "select pg_try_advisory_xact_lock(?)";

  private static final Logger LOG = LoggerFactory.getLogger(TtlSweeper.class);

  private final ResourceStateService states;
  private final TransactionOperations<Connection> tx;
  private final JdbcOperations jdbc;
  private final TtlConfig config;

  public TtlSweeper(
      ResourceStateService states,
      TransactionOperations<Connection> tx,
      JdbcOperations jdbc,
      TtlConfig config) {
    this.states = states;
    this.tx = tx;
    this.jdbc = jdbc;
    this.config = config;
  }

  @Scheduled(fixedDelay = "${vigil.ingest.ttl.sweep-interval:30s}", initialDelay = "1s")
  void scheduled() {
    sweep();
  }

  /**
   * One sweep: batches until no due resource is left. Returns the resources swept, or -1 when
   * another replica holds the lock.
   */
  public int sweep() {
    int total = 0;
    while (true) {
      BatchResult result =
          tx.executeWrite(status -> tryLock() ? states.expireDue(config.sweepBatchSize()) : null);
      if (result == null) {
        return total == 0 ? -1 : total;
      }
      states.record(result);
      total += result.applied();
      if (result.outboxRows() > 0) {
        LOG.info(
            "signal TTL: {} resources swept, {} health transitions",
            result.applied(),
            result.outboxRows());
      }
      if (result.applied() < config.sweepBatchSize()) {
        return total;
      }
    }
  }

  private boolean tryLock() {
    return jdbc.prepareStatement(
        TRY_LOCK,
        ps -> {
          ps.setLong(1, LOCK_KEY);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        });
  }
}
