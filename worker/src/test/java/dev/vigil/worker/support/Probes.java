package dev.vigil.worker.support;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;

/** Starts {@link ProbeWorkflow}s on a task queue. */
public final class Probes {
  private Probes() {}

  public static ProbeWorkflow start(
      String taskQueue, String workflowId, Map<String, String> params) {
    WorkflowClient client = SharedTemporal.client();
    ProbeWorkflow probe =
        client.newWorkflowStub(
            ProbeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(workflowId)
                .setWorkflowRunTimeout(Duration.ofMinutes(2))
                .build());
    WorkflowClient.start(probe::run, request(workflowId, params));
    return probe;
  }

  public static ActionRequest request(String workflowId, Map<String, String> params) {
    return new ActionRequest(
        new ActionContext(
            workflowId,
            "inc-" + workflowId,
            "docker/service/app",
            1,
            1,
            ActionContext.Kind.ACTION,
            false),
        new ResourceRef("docker/service/app", "docker/service", "default", null, "app", Map.of()),
        "docker.scale",
        "self",
        params);
  }
}
