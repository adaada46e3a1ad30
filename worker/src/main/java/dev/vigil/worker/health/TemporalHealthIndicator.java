package dev.vigil.worker.health;

import dev.vigil.worker.WorkerConfig;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * Readiness: Temporal's frontend answers {@code GetSystemInfo} within {@code
 * vigil.worker.health-timeout}. A worker that cannot reach Temporal cannot take work.
 */
@Singleton
@Readiness
public class TemporalHealthIndicator implements HealthIndicator {
  static final String NAME = "temporal";

  private final WorkflowServiceStubs stubs;
  private final ExecutorService executor;
  private final Duration timeout;

  public TemporalHealthIndicator(
      WorkflowServiceStubs stubs,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor,
      WorkerConfig config) {
    this.stubs = stubs;
    this.executor = executor;
    this.timeout = config.healthTimeout();
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(this::check, executor));
  }

  HealthResult check() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return HealthResult.builder(NAME, HealthStatus.UP).build();
    } catch (RuntimeException e) {
      return HealthResult.builder(NAME, HealthStatus.DOWN)
          .details(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()))
          .build();
    }
  }
}
