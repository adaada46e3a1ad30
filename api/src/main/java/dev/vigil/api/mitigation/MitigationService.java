package dev.vigil.api.mitigation;

import dev.vigil.api.ApiInput;
import dev.vigil.api.Caller;
import dev.vigil.api.incident.Incident;
import dev.vigil.api.incident.IncidentRepository;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.web.audit.AuditEntry;
import dev.vigil.web.audit.AuditLog;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.PendingApproval;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The API's two mutations, as signals to running remediations: cancel ({@code cancelMitigation})
 * and approval decisions ({@code decideApproval}). Every attempt, whatever its outcome, is written
 * to {@code audit_log}.
 */
@Singleton
public class MitigationService {
  public static final String CANCEL = "mitigation.cancel";
  public static final String DECIDE = "approval.decide";

  private final LiveRemediations live;
  private final IncidentRepository incidents;
  private final AuditLog audit;
  private final JsonMapper json;

  public MitigationService(
      LiveRemediations live, IncidentRepository incidents, AuditLog audit, JsonMapper json) {
    this.live = live;
    this.incidents = incidents;
    this.audit = audit;
    this.json = json;
  }

  /** Signals {@code cancelMitigation(by, reason)}; 404 when the resource has no running repair. */
  public SignalAccepted cancel(String resourceId, @Nullable CancelBody body, Caller caller) {
    return audited(
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
   * runs, 409 when {@code step} is not the rung awaiting approval right now.
   */
  public SignalAccepted decide(
      String incidentId, int step, @Nullable ApprovalBody body, Caller caller) {
    return audited(
        caller,
        DECIDE,
        incidentId + "/approvals/" + step,
        body,
        () -> {
          ApprovalDecision.Decision decision = parse(body);
          Incident incident =
              incidents
                  .find(incidentId)
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

  private static ApprovalDecision.Decision parse(@Nullable ApprovalBody body) {
    if (body == null || body.decision() == null) {
      throw new ProblemException(
          Problems.badRequest("decision is required: approve or reject", "decision"));
    }
    try {
      return ApprovalDecision.Decision.parse(body.decision());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problems.badRequest("decision must be approve or reject", "decision"));
    }
  }

  private SignalAccepted audited(
      Caller caller,
      String action,
      String target,
      @Nullable Object body,
      java.util.function.Supplier<SignalAccepted> mutation) {
    try {
      SignalAccepted accepted = mutation.get();
      write(caller, action, target, body, "accepted", 202);
      return accepted;
    } catch (ProblemException e) {
      write(caller, action, target, body, result(e.problem().status()), e.problem().status());
      throw e;
    } catch (RuntimeException e) {
      write(caller, action, target, body, "failed", 500);
      throw e;
    }
  }

  private void write(
      Caller caller,
      String action,
      String target,
      @Nullable Object body,
      String result,
      int status) {
    audit.record(
        new AuditEntry(
            caller.actor(), action, target, toJson(body), result, status, caller.traceId()));
  }

  private @Nullable String toJson(@Nullable Object body) {
    try {
      return body == null ? null : json.writeValueAsString(body);
    } catch (IOException e) {
      return null;
    }
  }

  static String result(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 503 -> "unavailable";
      default -> "failed";
    };
  }
}
