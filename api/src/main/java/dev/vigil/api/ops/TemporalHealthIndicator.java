package dev.vigil.api.ops;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * Readiness: Temporal's frontend answers {@code GetSystemInfo} within 2 s. The API still serves
 * reads from PostgreSQL without it, but cancel and approve cannot work, so it is not ready.
 */
@Singleton
@Readiness
public class TemporalHealthIndicator implements HealthIndicator {
  static final String NAME = "temporal";
  static final long TIMEOUT_MILLIS = 2000;

  private final WorkflowServiceStubs stubs;
  private final ExecutorService executor;

  public TemporalHealthIndicator(
      WorkflowServiceStubs stubs, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.stubs = stubs;
    this.executor = executor;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(this::check, executor));
  }

  HealthResult check() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return HealthResult.builder(NAME, HealthStatus.UP).build();
    } catch (RuntimeException e) {
      return HealthResult.builder(NAME, HealthStatus.DOWN)
          .details(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()))
          .build();
    }
  }
}
