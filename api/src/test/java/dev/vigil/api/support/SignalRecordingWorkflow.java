package dev.vigil.api.support;

import dev.vigil.workflows.policy.Rung;
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
 * A stand-in for the real workflow that records the signals the API sends (in {@code
 * status().detail()}) and shows a fixed status: the incident id is the trigger's event id, rung 1
 * has run, and the first rung that requires approval is waiting for it. It ends only on cancel.
 * Used to test the API's signal plumbing; the real workflow is tested end to end elsewhere.
 */
public class SignalRecordingWorkflow implements RemediationWorkflow {
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
    actions.add(
        new ActionRecord(1, 1, input.policy().rung(0).action(), false, "SUCCEEDED", "done", now));
    phase = Phase.MITIGATING;
    List<Rung> ladder = input.policy().ladder();
    for (int i = 0; i < ladder.size(); i++) {
      if (ladder.get(i).requiresApproval()) {
        phase = Phase.AWAITING_APPROVAL;
        pending = new PendingApproval(i + 1, ladder.get(i).action(), now, now.plusSeconds(3600));
        break;
      }
    }
    Workflow.await(() -> cancel != null);
    return new RemediationResult(
        Phase.CANCELLED, incidentId(), 1, cancel.by(), "cancelled: " + cancel.reason());
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
    signals.add(
        "decide:"
            + decision.step()
            + ":"
            + decision.decision()
            + ":"
            + decision.by()
            + ":"
            + decision.comment());
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
        1,
        actions.size(),
        input.policy().maxAttempts(),
        incidentId(),
        HealthState.Unhealthy,
        pending,
        List.copyOf(actions),
        false,
        String.join(";", signals));
  }

  private String incidentId() {
    return input.trigger().eventId();
  }
}
