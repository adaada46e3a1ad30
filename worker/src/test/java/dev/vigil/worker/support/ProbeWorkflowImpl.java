package dev.vigil.worker.support;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class ProbeWorkflowImpl implements ProbeWorkflow {
  private final DockerActivities docker =
      Workflow.newActivityStub(
          DockerActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setHeartbeatTimeout(Duration.ofSeconds(2))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setBackoffCoefficient(1.0)
                      .setMaximumAttempts(5)
                      .build())
              .build());

  @Override
  public ActionResult run(ActionRequest request) {
    return docker.scaleService(request);
  }
}
