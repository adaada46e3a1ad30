package dev.vigil.api.fleet;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/fleet/summary}: resources per health state and per remediation phase, with
 * percentages of all resources (two decimals), e.g. "98% Healthy, 1% MITIGATING, 1% TERMINAL".
 */
@Serdeable
public record FleetSummary(
    long total,
    Map<String, Long> byHealth,
    Map<String, Double> percentByHealth,
    Map<String, Long> byPhase,
    Map<String, Double> percentByPhase) {

  public static FleetSummary of(FleetCounts counts) {
    long total = counts.total();
    return new FleetSummary(
        total,
        counts.byHealth(),
        percentages(counts.byHealth(), total),
        counts.byPhase(),
        percentages(counts.byPhase(), total));
  }

  static Map<String, Double> percentages(Map<String, Long> counts, long total) {
    Map<String, Double> percent = new LinkedHashMap<>();
    counts.forEach(
        (k, n) ->
            percent.put(
                k,
                total == 0
                    ? 0.0
                    : BigDecimal.valueOf(n * 100.0 / total)
                        .setScale(2, RoundingMode.HALF_UP)
                        .doubleValue()));
    return percent;
  }
}
