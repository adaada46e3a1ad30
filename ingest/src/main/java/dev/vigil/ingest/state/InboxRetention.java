package dev.vigil.ingest.state;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes inbox ids older than {@code vigil.ingest.consumer.inbox-retention}, a chunk per
 * transaction so it never holds long locks. Concurrent runs on several replicas are harmless.
 */
@Singleton
public class InboxRetention {
  private static final Logger LOG = LoggerFactory.getLogger(InboxRetention.class);

  private final SignalInboxRepository inbox;
  private final TransactionOperations<Connection> tx;
  private final ConsumerConfig config;
  private final Clock clock = Clock.systemUTC();

  public InboxRetention(
      SignalInboxRepository inbox, TransactionOperations<Connection> tx, ConsumerConfig config) {
    this.inbox = inbox;
    this.tx = tx;
    this.config = config;
  }

  @Scheduled(
      fixedDelay = "${vigil.ingest.consumer.inbox-prune-interval:10m}",
      initialDelay = "${vigil.ingest.consumer.inbox-prune-interval:10m}")
  void scheduled() {
    prune();
  }

  /** Returns how many ids were deleted. */
  public int prune() {
    Instant before = clock.instant().minus(config.inboxRetention());
    int total = 0;
    int deleted;
    do {
      deleted = tx.executeWrite(status -> inbox.prune(before, config.pruneBatchSize()));
      total += deleted;
    } while (deleted == config.pruneBatchSize());
    if (total > 0) {
      LOG.info("pruned {} signal inbox ids received before {}", total, before);
    }
    return total;
  }
}
