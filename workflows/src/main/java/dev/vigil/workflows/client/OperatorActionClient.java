package dev.vigil.workflows.client;

import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.OperatorActionInput;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import dev.vigil.workflows.workflow.OperatorActionWorkflow;
import dev.vigil.workflows.workflow.VigilSearchAttributes;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/**
 * How the API starts, signals and queries operator actions ({@code action:<resourceId>:<id>}), on
 * the remediation task queue: the worker that runs ladders runs these too.
 */
public final class OperatorActionClient {
  public static final String WORKFLOW_TYPE = "OperatorAction";

  private final WorkflowClient client;
  private final String taskQueue;

  public OperatorActionClient(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Starts the action's workflow; its id is never reused. */
  public void start(OperatorActionInput input) {
    OperatorActionWorkflow workflow =
        client.newWorkflowStub(OperatorActionWorkflow.class, optionsFor(input));
    WorkflowClient.start(workflow::execute, input);
  }

  /** The running action's {@code status()}; throws when the workflow cannot answer. */
  public OperatorActionStatus status(String workflowId) {
    return client.newWorkflowStub(OperatorActionWorkflow.class, workflowId).status();
  }

  /** Signals {@code decideApproval}; false when the workflow has ended. */
  public boolean decideApproval(String workflowId, ApprovalDecision decision) {
    try {
      client.newWorkflowStub(OperatorActionWorkflow.class, workflowId).decideApproval(decision);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  public WorkflowOptions optionsFor(OperatorActionInput input) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(input.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(VigilSearchAttributes.RESOURCE_ID, input.resource().id())
                .set(VigilSearchAttributes.RESOURCE_TYPE, input.resource().type())
                .set(VigilSearchAttributes.CLUSTER, input.resource().cluster())
                .build())
        .setStaticSummary(staticSummary(input))
        .build();
  }

  /** "docker.scale {replicas=2} on docker/service/app, asked by alice (dry run)". */
  public static String staticSummary(OperatorActionInput input) {
    return input.action().action()
        + (input.action().params().isEmpty() ? "" : " " + input.action().params())
        + " on "
        + input.resource().id()
        + ", asked by "
        + input.requestedBy()
        + (input.dryRun() ? " (dry run)" : "")
        + (input.requireApproval() ? " (needs approval)" : "");
  }

  /** The workflow id of an action. */
  public static String workflowId(String resourceId, String actionId) {
    return WorkflowIds.action(resourceId, actionId);
  }
}
