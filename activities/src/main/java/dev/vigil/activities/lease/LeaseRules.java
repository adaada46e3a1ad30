package dev.vigil.activities.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The storm guard's decision, free of I/O so tests can call it directly. */
final class LeaseRules {
  static final String MAX_UNHEALTHY_FRACTION = "max-unhealthy-fraction";
  static final String MAX_CONCURRENT = "max-concurrent";
  static final String COOLDOWN = "cooldown";

  private LeaseRules() {}

  /** Why a new lease must wait, most storm-like reason first; empty when it may be granted. */
  static Optional<Refusal> refusal(
      ScopeLimits limits, long activeOthers, Fleet fleet, Instant lastReleaseAt, Instant now) {
    if (overUnhealthyFraction(limits, fleet)) {
      return Optional.of(new Refusal(MAX_UNHEALTHY_FRACTION, limits.retryAfter(), true));
    }
    if (activeOthers >= limits.maxConcurrent()) {
      return Optional.of(new Refusal(MAX_CONCURRENT, limits.retryAfter(), true));
    }
    if (lastReleaseAt != null && !limits.cooldown().isZero()) {
      Instant ends = lastReleaseAt.plus(limits.cooldown());
      if (ends.isAfter(now)) {
        return Optional.of(new Refusal(COOLDOWN, Duration.between(now, ends), false));
      }
    }
    return Optional.empty();
  }

  /** After a grant: the scope has room to spare and is not sick, so a storm is over. */
  static boolean calm(ScopeLimits limits, long activeIncludingGrant, Fleet fleet) {
    return activeIncludingGrant < limits.maxConcurrent() && !overUnhealthyFraction(limits, fleet);
  }

  static boolean overUnhealthyFraction(ScopeLimits limits, Fleet fleet) {
    return fleet.total() >= limits.minResources()
        && fleet.total() > 0
        && (double) fleet.unhealthy() / fleet.total() > limits.maxUnhealthyFraction();
  }

  /** Resources of a scope in {@code resource_state}. */
  record Fleet(long total, long unhealthy) {}

  /**
   * @param stormLike refusals for concurrency or unhealthy fraction can declare a storm; a cooldown
   *     cannot
   */
  record Refusal(String reason, Duration retryAfter, boolean stormLike) {}
}
