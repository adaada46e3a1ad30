package dev.vigil.activities.lease;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Limits of one scope ({@code vigil.storm-guard.scopes[n].*}); unset fields keep the defaults. An
 * override applies to every requested scope containing all of its {@code key=value} pairs ({@code
 * cluster=prod-eu} covers {@code cluster=prod-eu,type=k8s/Pod}); the most specific one wins.
 *
 * @param scope e.g. {@code cluster=prod-eu} or {@code cluster=prod-eu,type=k8s/Node}
 */
@EachProperty(value = "vigil.storm-guard.scopes", list = true)
public record ScopeLimitsConfig(
    String scope,
    @Nullable Integer maxConcurrent,
    @Nullable Double maxUnhealthyFraction,
    @Nullable Integer minResources,
    @Nullable Duration cooldown) {}
