package dev.vigil.ingest.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The outbox relay ({@code vigil.ingest.relay.*}).
 *
 * @param enabled run the relay in this replica (several may; they never double-deliver)
 * @param pollInterval pause between relay passes when nothing is due
 * @param batchSize rows claimed per round
 * @param concurrency rows of a round delivered in parallel (each round has one row per resource)
 * @param callTimeout deadline of one Temporal call or Kafka send; past it the row backs off
 * @param claimLease how long a claimed row is invisible to other replicas while it is delivered
 * @param initialBackoff first retry delay of a failed row; doubles per attempt
 * @param maxBackoff upper bound of the retry delay
 * @param unavailableRetry when rows are tried again while their destination is down (Temporal or
 *     Kafka unreachable): a fixed, short delay, so the outbox drains within seconds of the end of
 *     an outage however long it lasted
 * @param retention delivered rows are pruned after this
 * @param pruneInterval how often delivered rows are pruned
 * @param pruneBatchSize rows deleted per statement when pruning
 */
@ConfigurationProperties("vigil.ingest.relay")
public record RelayConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "250ms") Duration pollInterval,
    @Bindable(defaultValue = "100") int batchSize,
    @Bindable(defaultValue = "4") int concurrency,
    @Bindable(defaultValue = "10s") Duration callTimeout,
    @Bindable(defaultValue = "2m") Duration claimLease,
    @Bindable(defaultValue = "1s") Duration initialBackoff,
    @Bindable(defaultValue = "5m") Duration maxBackoff,
    @Bindable(defaultValue = "2s") Duration unavailableRetry,
    @Bindable(defaultValue = "7d") Duration retention,
    @Bindable(defaultValue = "10m") Duration pruneInterval,
    @Bindable(defaultValue = "5000") int pruneBatchSize) {

  /** Retry delay after the given number of failed attempts (1 = first failure). */
  public Duration backoff(int failedAttempts) {
    int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
    long millis = initialBackoff.toMillis() << exponent;
    if (millis <= 0 || millis > maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis(millis);
  }
}
