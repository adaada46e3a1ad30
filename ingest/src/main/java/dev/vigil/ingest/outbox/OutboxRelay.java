package dev.vigil.ingest.outbox;

import dev.vigil.ingest.metrics.IngestMetrics.Delivery;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: observation rows to Temporal, incident rows to Kafka. A round claims due rows
 * in a short transaction (one per resource, oldest first, skipping rows other replicas hold),
 * delivers them outside any transaction, then marks them delivered or schedules a retry with
 * exponential backoff. It runs on its own schedule, so a Temporal outage never blocks ingest: rows
 * pile up and drain once Temporal is back.
 */
@Singleton
@Requires(property = "vigil.ingest.relay.enabled", notEquals = "false")
public class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  private final OutboxRepository outbox;
  private final TransactionOperations<Connection> tx;
  private final List<OutboxDestination> destinations;
  private final RelayConfig config;
  private final ExecutorService workers;
  private final ReentrantLock passLock = new ReentrantLock();
  private final OutboxTracing tracing;

  public OutboxRelay(
      OutboxRepository outbox,
      TransactionOperations<Connection> tx,
      List<OutboxDestination> destinations,
      RelayConfig config,
      OutboxTracing tracing) {
    this.tracing = tracing;
    this.outbox = outbox;
    this.tx = tx;
    this.destinations = List.copyOf(destinations);
    this.config = config;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(1, config.concurrency()),
            r -> {
              Thread thread = new Thread(r, "vigil-relay-" + n.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Scheduled(fixedDelay = "${vigil.ingest.relay.poll-interval:250ms}", initialDelay = "1s")
  void scheduled() {
    drain();
  }

  /** One relay pass over every kind: rounds until nothing is due. Returns rows delivered. */
  public int drain() {
    if (!passLock.tryLock()) {
      return 0;
    }
    try {
      int delivered = 0;
      for (OutboxDestination destination : destinations) {
        Round round;
        do {
          round = round(destination);
          delivered += round.delivered();
        } while (round.claimed() >= config.batchSize() && !round.unavailable());
      }
      return delivered;
    } finally {
      passLock.unlock();
    }
  }

  private record Round(int claimed, int delivered, boolean unavailable) {}

  /**
   * @param unavailable the destination was down (the row may not even have been tried): postponed
   *     by {@link RelayConfig#unavailableRetry()}, attempts unchanged
   */
  private record Result(OutboxRow row, Delivery outcome, String error, boolean unavailable) {
    Result(OutboxRow row, Delivery outcome, String error) {
      this(row, outcome, error, false);
    }
  }

  private Round round(OutboxDestination destination) {
    List<OutboxRow> rows =
        tx.executeWrite(
            status -> outbox.claim(destination.kind(), config.batchSize(), config.claimLease()));
    if (rows.isEmpty()) {
      return new Round(0, 0, false);
    }
    AtomicReference<String> unavailable = new AtomicReference<>();
    List<Future<Result>> futures = new ArrayList<>(rows.size());
    for (OutboxRow row : rows) {
      futures.add(workers.submit(() -> deliver(destination, row, unavailable)));
    }
    List<Long> delivered = new ArrayList<>();
    List<Result> failed = new ArrayList<>();
    for (Future<Result> future : futures) {
      Result result = await(future);
      if (result.error() == null) {
        delivered.add(result.row().id());
      } else {
        failed.add(result);
      }
      destination.record(result.outcome());
    }
    tx.executeWrite(
        status -> {
          outbox.markDelivered(delivered);
          for (Result result : failed) {
            if (result.unavailable()) {
              outbox.markPostponed(
                  result.row().id(), config.unavailableRetry(), truncate(result.error()));
            } else {
              outbox.markFailed(
                  result.row().id(),
                  config.backoff(result.row().attempts() + 1),
                  truncate(result.error()));
            }
          }
          return null;
        });
    if (!failed.isEmpty()) {
      LOG.warn(
          "outbox relay: {} of {} {} rows failed, retrying with backoff (first: {})",
          failed.size(),
          rows.size(),
          destination.kind(),
          failed.get(0).error());
    }
    return new Round(rows.size(), delivered.size(), unavailable.get() != null);
  }

  private Result deliver(
      OutboxDestination destination, OutboxRow row, AtomicReference<String> unavailable) {
    String down = unavailable.get();
    if (down != null) {
      return new Result(row, Delivery.FAILED, "not attempted: " + down, true);
    }
    try {
      return new Result(row, tracing.deliver(row, () -> destination.deliver(row)), null);
    } catch (OutboxDestination.DestinationUnavailableException e) {
      unavailable.compareAndSet(null, e.getMessage());
      return new Result(row, Delivery.FAILED, e.getMessage(), true);
    } catch (RuntimeException e) {
      return new Result(row, Delivery.FAILED, describe(e));
    }
  }

  /** The exception and its causes, one line: what an operator reads in {@code last_error}. */
  static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
      if (!out.isEmpty()) {
        out.append(" <- ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return out.toString();
  }

  private static Result await(Future<Result> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering outbox rows", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("outbox delivery crashed", e.getCause());
    }
  }

  private static String truncate(String error) {
    return error == null || error.length() <= MAX_ERROR_LENGTH
        ? error
        : error.substring(0, MAX_ERROR_LENGTH);
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }
}
