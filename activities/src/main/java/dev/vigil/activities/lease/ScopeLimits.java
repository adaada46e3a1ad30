package dev.vigil.activities.lease;

import java.time.Duration;

/** The limits in force for one scope: defaults with the most specific override applied. */
public record ScopeLimits(
    int maxConcurrent,
    double maxUnhealthyFraction,
    int minResources,
    Duration cooldown,
    Duration retryAfter,
    Duration stormQuietPeriod) {}
