package dev.vigil.platform.health;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: Temporal's frontend answers {@code GetSystemInfo}. A worker that cannot reach Temporal
 * cannot take work, and the API cannot cancel or approve; ingest leaves it out ({@code
 * vigil.health.temporal=false}).
 */
@Context
@Readiness
@Requires(beans = WorkflowServiceStubs.class)
@Requires(property = "vigil.health.temporal", notEquals = "false")
public class TemporalProbe extends DependencyProbe {
  private final WorkflowServiceStubs stubs;

  public TemporalProbe(WorkflowServiceStubs stubs, HealthConfig config) {
    super("temporal", config);
    this.stubs = stubs;
    start();
  }

  @Override
  protected void check(Duration timeout) {
    stubs
        .blockingStub()
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
  }
}
