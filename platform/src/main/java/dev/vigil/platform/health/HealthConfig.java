package dev.vigil.platform.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Readiness checks of the dependencies ({@code vigil.health.*}).
 *
 * @param interval how often each dependency is checked in the background
 * @param timeout how long one check may take before the dependency counts as down (the probe itself
 *     never waits for a check: it answers from the last result)
 * @param temporal whether readiness includes Temporal (ingest: false, it keeps absorbing signals
 *     while Temporal is down and its outbox drains later)
 */
@ConfigurationProperties("vigil.health")
public record HealthConfig(
    @Bindable(defaultValue = "2s") Duration interval,
    @Bindable(defaultValue = "2s") Duration timeout,
    @Bindable(defaultValue = "true") boolean temporal) {}
