package dev.vigil.activities.lease;

import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/** Resolves {@link ScopeLimits} from {@link StormGuardConfig} and its per-scope overrides. */
@Singleton
public class StormGuardLimits {
  private final StormGuardConfig defaults;
  private final List<ScopeLimitsConfig> overrides;

  public StormGuardLimits(StormGuardConfig defaults, List<ScopeLimitsConfig> overrides) {
    this.defaults = defaults;
    this.overrides = List.copyOf(overrides);
  }

  public ScopeLimits forScope(Scope scope) {
    ScopeLimitsConfig override =
        overrides.stream()
            .filter(o -> scope.covers(Scope.parse(o.scope())))
            .max(Comparator.comparingInt(o -> Scope.parse(o.scope()).pairs().size()))
            .orElse(null);
    if (override == null) {
      return new ScopeLimits(
          defaults.maxConcurrent(),
          defaults.maxUnhealthyFraction(),
          defaults.minResources(),
          defaults.cooldown(),
          defaults.retryAfter(),
          defaults.stormQuietPeriod());
    }
    return new ScopeLimits(
        override.maxConcurrent() != null ? override.maxConcurrent() : defaults.maxConcurrent(),
        override.maxUnhealthyFraction() != null
            ? override.maxUnhealthyFraction()
            : defaults.maxUnhealthyFraction(),
        override.minResources() != null ? override.minResources() : defaults.minResources(),
        override.cooldown() != null ? override.cooldown() : defaults.cooldown(),
        defaults.retryAfter(),
        defaults.stormQuietPeriod());
  }

  public boolean enabled() {
    return defaults.enabled();
  }
}
