package dev.vigil.ingest.support;

import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.ManualResolution;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.RemediationInput;
import dev.vigil.workflows.workflow.RemediationResult;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.RemediationWorkflow;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.util.List;

/**
 * A stand-in for the real remediation: records each start and each observation (outside replay) and
 * completes when a clear observation arrives. What the ingest tests check is the relay: how many
 * starts and which observations reach each workflow id.
 */
public class ObservationRecordingWorkflow implements RemediationWorkflow {
  private boolean cleared;
  private HealthObservation last;

  @Override
  public RemediationResult remediate(RemediationInput input) {
    if (!WorkflowUnsafe.isReplaying()) {
      WorkflowRecorder.started(Workflow.getInfo().getWorkflowId(), input.policy().name());
    }
    Workflow.await(() -> cleared);
    return new RemediationResult(Phase.HEALTHY, null, 0, "vigil", "recorded");
  }

  @Override
  public void observe(HealthObservation observation) {
    if (!WorkflowUnsafe.isReplaying()) {
      WorkflowRecorder.observed(Workflow.getInfo().getWorkflowId(), observation);
    }
    last = observation;
    if (observation.isClear()) {
      cleared = true;
    }
  }

  @Override
  public void cancelMitigation(CancelRequest request) {
    cleared = true;
  }

  @Override
  public void decideApproval(ApprovalDecision decision) {}

  @Override
  public void resolveManually(ManualResolution resolution) {
    cleared = true;
  }

  @Override
  public RemediationStatus status() {
    return new RemediationStatus(
        Workflow.getInfo().getWorkflowId(),
        last == null ? null : last.resourceId(),
        "recording",
        cleared ? Phase.HEALTHY : Phase.MITIGATING,
        0,
        0,
        0,
        null,
        last == null ? null : last.healthState(),
        null,
        List.of(),
        false,
        "recording");
  }
}
