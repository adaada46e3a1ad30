package dev.vigil.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The Temporal SDK's own metrics ({@code temporal_*}: slots, schedule-to-start, poll and execution
 * latencies, failures) in the service's Micrometer registry, so {@code /metrics} serves them with
 * Vigil's. The platform's stubs pick the {@link Scope} bean up; workers built on them report
 * through it.
 */
@Factory
public class TemporalMetricsFactory {
  /** The SDK names every metric with this prefix. */
  public static final String PREFIX = "temporal_";

  @Singleton
  @Bean(preDestroy = "close")
  Scope temporalMetricsScope(MeterRegistry registry, WorkerConfig config) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(
            com.uber.m3.util.Duration.ofMillis(config.metrics().reportInterval().toMillis()));
  }

  /**
   * The SDK asks Micrometer for a full percentile histogram on every timer (about 70 buckets per
   * series); a fixed, configurable set keeps the scrape small and still answers the alert rules'
   * {@code histogram_quantile} over {@code le}.
   */
  @Singleton
  @Named("temporal-latency-buckets")
  MeterFilter temporalLatencyBuckets(WorkerConfig config) {
    double[] buckets =
        config.metrics().latencyBuckets().stream().mapToDouble(d -> (double) d.toNanos()).toArray();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig distribution) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(PREFIX)) {
          return distribution;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(buckets)
            .build()
            .merge(distribution);
      }
    };
  }
}
