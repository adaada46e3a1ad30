package dev.vigil.api;

import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The API's own settings ({@code vigil.api.*}); defaults are documented in {@code application.yml}.
 *
 * @param defaultLimit page size when a list request names none
 * @param maxLimit the largest page size a caller may ask for
 * @param temporalTimeout how long a read waits for a workflow's {@code status()} before answering
 *     from PostgreSQL (or 503 for an approval, which needs the live answer)
 * @param fleetGaugesInterval how often the fleet gauges are recomputed from PostgreSQL
 * @param auditReads write an {@code audit_log} row for every read of resource and incident data
 *     (who, what, when), not only for mutations
 */
@ConfigurationProperties("vigil.api")
public record ApiConfig(
    @Bindable(defaultValue = "50") int defaultLimit,
    @Bindable(defaultValue = "500") int maxLimit,
    @Bindable(defaultValue = "3s") Duration temporalTimeout,
    @Bindable(defaultValue = "15s") Duration fleetGaugesInterval,
    @Bindable(defaultValue = "true") boolean auditReads) {

  /** The page size to use: the default when none is asked, bounded by {@link #maxLimit}. */
  public int limit(Integer requested) {
    if (requested == null) {
      return defaultLimit;
    }
    if (requested < 1) {
      throw new ProblemException(Problems.badRequest("limit must be at least 1", "limit"));
    }
    return Math.min(requested, maxLimit);
  }
}
