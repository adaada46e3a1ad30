package dev.vigil.api.mitigation;

import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.workflow.ApprovalDecision;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /v1/incidents/{id}/approvals/{step}} and {@code POST
 * /v1/actions/{id}/approval}: {@code approve} or {@code reject}.
 */
@Serdeable
public record ApprovalBody(@Nullable String decision, @Nullable String comment) {

  /** The body's decision; 400 when it is missing or neither approve nor reject. */
  public static ApprovalDecision.Decision decisionOf(@Nullable ApprovalBody body) {
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
}
