package dev.vigil.workflows.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The repair of one resource, workflow id {@code remediation:<resourceId>}: the escalation ladder
 * of its policy snapshot, with probation, compensation, approval gates, the storm guard and a page
 * when automation runs out (docs/design.md "RemediationWorkflow").
 */
@WorkflowInterface
public interface RemediationWorkflow {

  /**
   * Runs the repair until the resource is healthy again, an operator cancels, or a human ends it.
   */
  @WorkflowMethod(name = "Remediation")
  RemediationResult remediate(RemediationInput input);

  /** A health transition from the outbox relay. Idempotent per event id; stale ones are ignored. */
  @SignalMethod
  void observe(HealthObservation observation);

  /** Stop the repair: run the compensations, record who and why, end {@code CANCELLED}. */
  @SignalMethod
  void cancelMitigation(CancelRequest request);

  /** A human's decision on a rung waiting in {@code AWAITING_APPROVAL}. */
  @SignalMethod
  void decideApproval(ApprovalDecision decision);

  /** A human fixed it: ends a {@code TERMINAL} repair and resolves the page. */
  @SignalMethod
  void resolveManually(ManualResolution resolution);

  /** Phase, rung, attempts, incident id, pending approval, last actions. */
  @QueryMethod
  RemediationStatus status();
}
