package dev.vigil.activities.lease;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A {@code remediation_scope} row: the scope's cooldown and storm bookkeeping. */
public record ScopeRow(
    String scope,
    @Nullable Instant lastReleaseAt,
    @Nullable Instant stormDeclaredAt,
    @Nullable Instant stormClearedAt,
    @Nullable Instant lastRefusedAt) {

  /** A storm is on from its declaration until cleared, or until refusals stop for a while. */
  public boolean stormActive(Instant now, java.time.Duration quietPeriod) {
    if (stormDeclaredAt == null) {
      return false;
    }
    if (stormClearedAt != null && !stormClearedAt.isBefore(stormDeclaredAt)) {
      return false;
    }
    return lastRefusedAt == null || lastRefusedAt.plus(quietPeriod).isAfter(now);
  }
}
