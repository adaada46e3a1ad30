package dev.vigil.workflows.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One operator-requested action, workflow id {@code action:<resourceId>:<actionId>} (docs/design.md
 * "Operator actions"): an optional approval, then the storm guard's lease, then the action through
 * the same activity (and action journal) as a ladder rung. Its status is recorded at every change.
 */
@WorkflowInterface
public interface OperatorActionWorkflow {

  /** Runs the action to its end; returns the final status. */
  @WorkflowMethod(name = "OperatorAction")
  OperatorActionStatus execute(OperatorActionInput input);

  /** Approves or rejects the action while it is {@code AWAITING_APPROVAL} (step is ignored). */
  @SignalMethod
  void decideApproval(ApprovalDecision decision);

  @QueryMethod
  OperatorActionStatus status();
}
