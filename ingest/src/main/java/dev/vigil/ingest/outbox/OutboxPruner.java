package dev.vigil.ingest.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes delivered outbox rows older than {@code vigil.ingest.relay.retention}, in chunks. */
@Singleton
@Requires(property = "vigil.ingest.relay.enabled", notEquals = "false")
public class OutboxPruner {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxPruner.class);

  private final OutboxRepository outbox;
  private final TransactionOperations<Connection> tx;
  private final RelayConfig config;
  private final Clock clock = Clock.systemUTC();

  public OutboxPruner(
      OutboxRepository outbox, TransactionOperations<Connection> tx, RelayConfig config) {
    this.outbox = outbox;
    this.tx = tx;
    this.config = config;
  }

  @Scheduled(
      fixedDelay = "${vigil.ingest.relay.prune-interval:10m}",
      initialDelay = "${vigil.ingest.relay.prune-interval:10m}")
  void scheduled() {
    prune();
  }

  /** Returns how many rows were deleted. */
  public int prune() {
    Instant before = clock.instant().minus(config.retention());
    int total = 0;
    int deleted;
    do {
      deleted = tx.executeWrite(status -> outbox.prune(before, config.pruneBatchSize()));
      total += deleted;
    } while (deleted == config.pruneBatchSize());
    if (total > 0) {
      LOG.info("pruned {} delivered outbox rows older than {}", total, before);
    }
    return total;
  }
}
