package dev.vigil.activities.lease;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Default limits of the fleet budget ({@code vigil.storm-guard.*}); {@code
 * vigil.storm-guard.scopes} overrides them per scope ({@link ScopeLimitsConfig}).
 *
 * @param enabled false grants every lease without looking (no rows written)
 * @param maxConcurrent most unexpired leases a scope may hold at once
 * @param maxUnhealthyFraction refuse when more than this share of the scope's resources (rows of
 *     {@code resource_state} matching the scope) is {@code Unhealthy}, like Cluster API's {@code
 *     maxUnhealthy}
 * @param minResources the fraction is only judged in scopes with at least this many resources (one
 *     sick resource of one is not a storm)
 * @param cooldown after a verified release, the scope grants nothing for this long ({@code 0s}: no
 *     cooldown)
 * @param retryAfter when a refused holder should ask again (except cooldown, which says exactly)
 * @param stormQuietPeriod a storm ends when a grant leaves spare capacity, or when nobody was
 *     refused for this long; the next refusal then declares a new one
 */
@ConfigurationProperties("vigil.storm-guard")
public record StormGuardConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "10") int maxConcurrent,
    @Bindable(defaultValue = "0.4") double maxUnhealthyFraction,
    @Bindable(defaultValue = "10") int minResources,
    @Bindable(defaultValue = "0s") Duration cooldown,
    @Bindable(defaultValue = "30s") Duration retryAfter,
    @Bindable(defaultValue = "5m") Duration stormQuietPeriod) {}
