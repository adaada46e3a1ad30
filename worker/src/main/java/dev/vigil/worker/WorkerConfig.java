package dev.vigil.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * How the worker polls and stops ({@code vigil.worker.*}); the defaults are documented in {@code
 * application.yml}. The Temporal connection and task queue are {@code vigil.temporal.*} (platform).
 *
 * @param virtualThreads run workflow threads, workflow task handlers and activities on virtual
 *     threads (slots still bound the concurrency)
 * @param workflowCacheSize sticky cache: workflows kept in memory between workflow tasks
 * @param maxConcurrentWorkflowTasks workflow task slots
 * @param maxConcurrentActivities activity slots (Docker and Kubernetes actions, pages)
 * @param maxConcurrentLocalActivities local activity slots (incident, timeline and lease records)
 * @param workflowPollers concurrent long polls for workflow tasks
 * @param activityPollers concurrent long polls for activity tasks
 * @param identity the worker identity Temporal shows (default: the SDK's {@code pid@hostname})
 * @param registerSearchAttributes create Vigil's search attributes at start when missing (the
 *     operator service; Temporal Cloud refuses it, create them with {@code tcld} there)
 * @param startRetry while Temporal does not answer at start, how often the worker tries again to
 *     register the search attributes and start polling
 * @param shutdownGrace how long running activities may take to finish once polling stopped; then
 *     they are interrupted and Temporal retries them elsewhere
 * @param requiredActivities activity interfaces the worker refuses to start without: {@code
 *     docker}, {@code kubernetes}, {@code paging}, {@code incident}, {@code lease}, {@code
 *     operator-action}
 * @param metrics how the Temporal SDK's metrics reach Micrometer
 */
@ConfigurationProperties("vigil.worker")
public record WorkerConfig(
    @Bindable(defaultValue = "true") boolean virtualThreads,
    @Bindable(defaultValue = "600") int workflowCacheSize,
    @Bindable(defaultValue = "200") int maxConcurrentWorkflowTasks,
    @Bindable(defaultValue = "200") int maxConcurrentActivities,
    @Bindable(defaultValue = "200") int maxConcurrentLocalActivities,
    @Bindable(defaultValue = "5") int workflowPollers,
    @Bindable(defaultValue = "5") int activityPollers,
    @Nullable String identity,
    @Bindable(defaultValue = "true") boolean registerSearchAttributes,
    @Bindable(defaultValue = "5s") Duration startRetry,
    @Bindable(defaultValue = "45s") Duration shutdownGrace,
    @Bindable(defaultValue = "docker,kubernetes,paging,incident,lease,operator-action")
        List<String> requiredActivities,
    Metrics metrics) {

  public WorkerConfig {
    requiredActivities = requiredActivities == null ? List.of() : List.copyOf(requiredActivities);
    metrics = metrics == null ? Metrics.defaults() : metrics;
  }

  /**
   * The Temporal SDK's metrics ({@code temporal_*}) in the Micrometer registry.
   *
   * @param reportInterval how often the SDK's tally scope flushes counters and gauges
   * @param latencyBuckets histogram buckets of the SDK's latency timers (schedule-to-start,
   *     execution, poll), so Prometheus gets a small fixed {@code _bucket} set
   */
  @ConfigurationProperties("metrics")
  public record Metrics(
      @Bindable(defaultValue = "10s") Duration reportInterval,
      @Bindable(defaultValue = "5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s,30s,60s")
          List<Duration> latencyBuckets) {

    public Metrics {
      latencyBuckets = latencyBuckets == null ? List.of() : List.copyOf(latencyBuckets);
    }

    static Metrics defaults() {
      return new Metrics(
          Duration.ofSeconds(10),
          List.of(
              Duration.ofMillis(5),
              Duration.ofMillis(10),
              Duration.ofMillis(25),
              Duration.ofMillis(50),
              Duration.ofMillis(100),
              Duration.ofMillis(250),
              Duration.ofMillis(500),
              Duration.ofSeconds(1),
              Duration.ofMillis(2500),
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              Duration.ofSeconds(30),
              Duration.ofSeconds(60)));
    }
  }
}
