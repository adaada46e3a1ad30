package dev.vigil.workflows.policy;

import java.time.Duration;

/**
 * Retry policy of one rung's action: transient failures are retried with exponential backoff;
 * failures the activity marks non-retryable move the ladder on at once.
 */
public record RetrySpec(int maxAttempts, Duration initialInterval, Duration maxInterval) {
  public static final RetrySpec DEFAULT =
      new RetrySpec(5, Duration.ofSeconds(2), Duration.ofMinutes(1));
}
