package dev.vigil.api.mitigation;

import dev.vigil.api.ApiInput;
import dev.vigil.api.AuditedMutations;
import dev.vigil.api.Caller;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.resource.ResourceRepository;
import dev.vigil.api.tenancy.OutOfScope;
import dev.vigil.store.contracts.Incident;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.PendingApproval;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The API's two mutations, as signals to running remediations: cancel ({@code cancelMitigation})
 * and approval decisions ({@code decideApproval}). Every attempt, whatever its outcome, is written
 * to {@code audit_log}.
 */
@Singleton
public class MitigationService {
  public static final String CANCEL = "mitigation.cancel";
  public static final String DECIDE = "approval.decide";

  /** No ladder is longer; a larger step is a typo or an attack. */
  static final int MAX_STEP = 100;

  private final LiveRemediations live;
  private final IncidentQueries incidents;
  private final ResourceRepository resources;
  private final AuditedMutations audited;

  public MitigationService(
      LiveRemediations live,
      IncidentQueries incidents,
      ResourceRepository resources,
      AuditedMutations audited) {
    this.live = live;
    this.incidents = incidents;
    this.resources = resources;
    this.audited = audited;
  }

  /**
   * Signals {@code cancelMitigation(by, reason)}; 404 when the resource has no running repair or
   * belongs to an org the caller does not see (refused before any signal).
   */
  public SignalAccepted cancel(String resourceId, @Nullable CancelBody body, Caller caller) {
    return audited.run(
        caller,
        CANCEL,
        resourceId,
        body,
        () -> {
          String reason = body == null ? null : ApiInput.text(body.reason(), "reason");
          if (reason == null || reason.isBlank()) {
            throw new ProblemException(
                Problems.badRequest("say why the repair is cancelled", "reason"));
          }
          if (resources.hidden(caller.visibility(), resourceId)) {
            throw new OutOfScope("no remediation is running for " + resourceId);
          }
          if (!live.cancel(resourceId, new CancelRequest(caller.actor(), reason))) {
            throw new ProblemException(
                Problems.notFound("no remediation is running for " + resourceId));
          }
          return new SignalAccepted(
              WorkflowIds.remediation(resourceId), "cancelMitigation", caller.actor());
        });
  }

  /**
   * Signals {@code decideApproval}; 404 for an unknown incident or one whose remediation no longer
   * runs or that belongs to an org the caller does not see, 409 when {@code step} is not the rung
   * awaiting approval right now.
   */
  public SignalAccepted decide(
      String incidentId, int step, @Nullable ApprovalBody body, Caller caller) {
    return audited.run(
        caller,
        DECIDE,
        incidentId + "/approvals/" + step,
        body,
        () -> {
          if (step < 1 || step > MAX_STEP) {
            throw new ProblemException(
                Problems.badRequest("step is a rung number, 1 to " + MAX_STEP, "step"));
          }
          ApprovalDecision.Decision decision = ApprovalBody.decisionOf(body);
          Incident incident =
              incidents
                  .find(caller.visibility(), incidentId)
                  .orElseThrow(
                      () -> new ProblemException(Problems.notFound("no incident " + incidentId)));
          RemediationStatus status =
              live.status(incident.resourceId())
                  .filter(s -> incidentId.equals(s.incidentId()))
                  .orElseThrow(
                      () ->
                          new ProblemException(
                              Problems.notFound(
                                  "the remediation of incident "
                                      + incidentId
                                      + " is not running")));
          PendingApproval pending = status.pendingApproval();
          if (pending == null || pending.step() != step) {
            throw new ProblemException(
                Problems.conflict(
                    "step "
                        + step
                        + " is not awaiting approval ("
                        + (pending == null
                            ? "no step is"
                            : "step " + pending.step() + " (" + pending.action() + ") is")
                        + "; phase "
                        + status.phase()
                        + ")"));
          }
          String comment = body.comment() == null ? "" : ApiInput.text(body.comment(), "comment");
          if (!live.decideApproval(
              incident.resourceId(),
              new ApprovalDecision(step, decision, caller.actor(), comment))) {
            throw new ProblemException(
                Problems.notFound("the remediation of incident " + incidentId + " has ended"));
          }
          return new SignalAccepted(status.workflowId(), "decideApproval", caller.actor());
        });
  }
}
