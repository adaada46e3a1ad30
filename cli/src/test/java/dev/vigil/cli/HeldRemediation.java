package dev.vigil.cli;

import dev.vigil.workflows.workflow.ActionRecord;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ManualResolution;
import dev.vigil.workflows.workflow.PendingApproval;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.RemediationInput;
import dev.vigil.workflows.workflow.RemediationResult;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.RemediationWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the remediation workflow, held at a fixed point: the rungs before the first one
 * that needs approval have run, that one waits for a decision. It reports what it was sent in
 * {@code status().detail()} and ends only on cancel. The CLI tests need a running repair to look at
 * and to signal, not the real ladder (tested end to end in the workflows and api modules).
 */
public class HeldRemediation implements RemediationWorkflow {
  private RemediationInput input;
  private Phase phase = Phase.UNHEALTHY;
  private PendingApproval pending;
  private final List<ActionRecord> actions = new ArrayList<>();
  private final List<String> signals = new ArrayList<>();
  private CancelRequest cancel;

  @Override
  public RemediationResult remediate(RemediationInput input) {
    this.input = input;
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    phase = Phase.MITIGATING;
    for (int i = 0; i < input.policy().ladder().size(); i++) {
      String action = input.policy().rung(i).action();
      if (input.policy().ladder().get(i).requiresApproval()) {
        phase = Phase.AWAITING_APPROVAL;
        pending = new PendingApproval(i + 1, action, now, now.plusSeconds(3600));
        break;
      }
      actions.add(new ActionRecord(i + 1, 1, action, false, "SUCCEEDED", "done", now));
    }
    Workflow.await(() -> cancel != null);
    return new RemediationResult(
        Phase.CANCELLED,
        input.trigger().eventId(),
        1,
        cancel.by(),
        "cancelled: " + cancel.reason());
  }

  @Override
  public void observe(HealthObservation observation) {
    signals.add("observe:" + observation.eventId());
  }

  @Override
  public void cancelMitigation(CancelRequest request) {
    signals.add("cancel:" + request.by() + ":" + request.reason());
    phase = Phase.CANCELLED;
    cancel = request;
  }

  @Override
  public void decideApproval(ApprovalDecision decision) {
    signals.add("decide:" + decision.step() + ":" + decision.decision() + ":" + decision.by());
    pending = null;
    phase =
        decision.decision() == ApprovalDecision.Decision.APPROVE
            ? Phase.MITIGATING
            : Phase.PROBATION;
  }

  @Override
  public void resolveManually(ManualResolution resolution) {
    signals.add("resolve:" + resolution.by());
  }

  @Override
  public RemediationStatus status() {
    return new RemediationStatus(
        input.resource().workflowId(),
        input.resource().id(),
        input.policy().name(),
        phase,
        pending == null ? actions.size() : pending.step(),
        actions.size(),
        input.policy().maxAttempts(),
        input.trigger().eventId(),
        HealthState.Unhealthy,
        pending,
        List.copyOf(actions),
        false,
        String.join(";", signals));
  }
}
