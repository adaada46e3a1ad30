package dev.vigil.workflows.client;

import dev.vigil.workflows.policy.Durations;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.Rung;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.ManualResolution;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.RemediationInput;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.RemediationWorkflow;
import dev.vigil.workflows.workflow.ResourceRef;
import dev.vigil.workflows.workflow.VigilSearchAttributes;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.util.Optional;

/**
 * How services talk to remediations: the outbox relay starts or signals them, the API signals and
 * queries them. Every call addresses the workflow by {@code remediation:<resourceId>}, so a
 * resource never has two repairs at once.
 */
public final class RemediationClient {
  public static final String WORKFLOW_TYPE = "Remediation";
  public static final String OBSERVE_SIGNAL = "observe";

  private final WorkflowClient client;
  private final String taskQueue;

  public RemediationClient(WorkflowClient client) {
    this(client, WorkflowIds.TASK_QUEUE);
  }

  public RemediationClient(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /**
   * Delivers an adverse observation: starts the resource's remediation with this policy snapshot
   * when none runs (signalWithStart), else only signals the running one.
   */
  public void startOrSignal(
      ResourceRef resource, Policy policy, HealthObservation observation, boolean dryRun) {
    WorkflowStub stub = client.newUntypedWorkflowStub(WORKFLOW_TYPE, optionsFor(resource, policy));
    RemediationInput input = new RemediationInput(resource, policy, observation, dryRun, null);
    stub.signalWithStart(OBSERVE_SIGNAL, new Object[] {observation}, new Object[] {input});
  }

  /** Delivers an observation to a running remediation; false when the resource has none. */
  public boolean signalIfRunning(HealthObservation observation) {
    try {
      client
          .newUntypedWorkflowStub(WorkflowIds.remediation(observation.resourceId()))
          .signal(OBSERVE_SIGNAL, observation);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** Signals {@code cancelMitigation}; false when the resource has no running remediation. */
  public boolean cancel(String resourceId, CancelRequest request) {
    return signal(resourceId, "cancelMitigation", request);
  }

  /** Signals {@code decideApproval}; false when the resource has no running remediation. */
  public boolean decideApproval(String resourceId, ApprovalDecision decision) {
    return signal(resourceId, "decideApproval", decision);
  }

  /** Signals {@code resolveManually}; false when the resource has no running remediation. */
  public boolean resolveManually(String resourceId, ManualResolution resolution) {
    return signal(resourceId, "resolveManually", resolution);
  }

  /** The running remediation's {@code status()}, or empty when none runs. */
  public Optional<RemediationStatus> status(String resourceId) {
    if (!isRunning(resourceId)) {
      return Optional.empty();
    }
    try {
      RemediationWorkflow workflow =
          client.newWorkflowStub(RemediationWorkflow.class, WorkflowIds.remediation(resourceId));
      return Optional.of(workflow.status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Whether the resource has a remediation that has not completed. */
  public boolean isRunning(String resourceId) {
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                              .setWorkflowId(WorkflowIds.remediation(resourceId)))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private boolean signal(String resourceId, String signal, Object argument) {
    try {
      client.newUntypedWorkflowStub(WorkflowIds.remediation(resourceId)).signal(signal, argument);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * Start options: the per-resource id, the task queue, the search attributes an operator filters
   * by, and a summary and details the Temporal UI shows on the workflow page.
   */
  public WorkflowOptions optionsFor(ResourceRef resource, Policy policy) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(resource.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(initialSearchAttributes(resource))
        .setStaticSummary(staticSummary(resource, policy))
        .setStaticDetails(staticDetails(resource, policy))
        .build();
  }

  static SearchAttributes initialSearchAttributes(ResourceRef resource) {
    return SearchAttributes.newBuilder()
        .set(VigilSearchAttributes.RESOURCE_ID, resource.id())
        .set(VigilSearchAttributes.RESOURCE_TYPE, resource.type())
        .set(VigilSearchAttributes.CLUSTER, resource.cluster())
        .set(VigilSearchAttributes.PHASE, Phase.UNHEALTHY.name())
        .set(VigilSearchAttributes.ATTEMPTS, 0L)
        .build();
  }

  /** One line: "Repair k8s/prod/payments/Pod/api-7c9 with policy crashloop-pod (3 rungs)". */
  public static String staticSummary(ResourceRef resource, Policy policy) {
    int rungs = policy.ladder().size();
    return "Repair "
        + resource.id()
        + " with policy "
        + policy.name()
        + " ("
        + rungs
        + (rungs == 1 ? " rung)" : " rungs)");
  }

  /** Markdown the Temporal UI renders: the resource and the ladder this repair will climb. */
  public static String staticDetails(ResourceRef resource, Policy policy) {
    StringBuilder md = new StringBuilder();
    md.append("**Resource** `")
        .append(resource.id())
        .append("` (")
        .append(resource.type())
        .append(", cluster `")
        .append(resource.cluster())
        .append("`)\n\n**Policy** `")
        .append(policy.name())
        .append("`: max ")
        .append(policy.maxAttempts())
        .append(" attempts, recurrence window ")
        .append(Durations.format(policy.recurrenceWindow()))
        .append(policy.dryRun() ? ", dry run" : "")
        .append("\n\n**Ladder**\n");
    for (int i = 0; i < policy.ladder().size(); i++) {
      Rung rung = policy.rung(i);
      md.append(i + 1)
          .append(". `")
          .append(rung.action())
          .append('`')
          .append(rung.target().equals(Rung.TARGET_SELF) ? "" : " on " + rung.target())
          .append(rung.params().isEmpty() ? "" : " " + rung.params())
          .append(", verify within ")
          .append(Durations.format(rung.verifyWithin()))
          .append(rung.requiresApproval() ? ", **requires approval**" : "")
          .append(
              rung.compensate() == null ? "" : ", undo with `" + rung.compensate().action() + "`")
          .append('\n');
    }
    if (!policy.revertOn().isEmpty()) {
      md.append("\nReverts on ").append(policy.revertOn()).append('\n');
    }
    return md.toString();
  }
}
