package dev.vigil.api.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.workflows.workflow.OperatorActionInput;
import dev.vigil.workflows.workflow.OperatorActionState;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An operator action as the API shows it ({@code GET /v1/actions/{id}}, the 202 of {@code POST
 * /v1/resources/{id}/actions}).
 *
 * @param id the action id
 * @param workflowId {@code action:<resourceId>:<id>}
 * @param state {@code REQUESTED}, {@code AWAITING_APPROVAL}, {@code THROTTLED}, {@code RUNNING},
 *     then {@code SUCCEEDED}, {@code FAILED}, {@code REJECTED}, {@code EXPIRED} or {@code
 *     CANCELLED}
 * @param finished whether {@code state} is final
 * @param scope the storm-guard scope (known once the workflow ran)
 * @param message one line on the last change
 * @param outcome the action's outcome once it ran ({@code SUCCEEDED}, {@code UNCHANGED}, {@code
 *     WOULD_DO}, {@code ALREADY_DONE})
 * @param errorType why it FAILED ({@code NotReady}, {@code InvalidParams}, ...)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OperatorAction(
    String id,
    String workflowId,
    String resourceId,
    String action,
    String target,
    Map<String, String> params,
    boolean dryRun,
    boolean requireApproval,
    String state,
    boolean finished,
    @Nullable String scope,
    @Nullable String message,
    String requestedBy,
    Instant requestedAt,
    Instant updatedAt,
    @Nullable String decidedBy,
    @Nullable String outcome,
    List<String> affected,
    Map<String, String> details,
    @Nullable String errorType) {

  /** Just accepted: the workflow has started and not yet written anything. */
  static OperatorAction requested(OperatorActionInput input) {
    return new OperatorAction(
        input.actionId(),
        input.workflowId(),
        input.resource().id(),
        input.action().action(),
        input.action().target(),
        input.action().params(),
        input.dryRun(),
        input.requireApproval(),
        OperatorActionState.REQUESTED.name(),
        false,
        null,
        "requested by " + input.requestedBy(),
        input.requestedBy(),
        input.requestedAt(),
        input.requestedAt(),
        null,
        null,
        List.of(),
        Map.of(),
        null);
  }

  /** The workflow's own answer ({@code status()} query). */
  static OperatorAction of(OperatorActionStatus s) {
    return new OperatorAction(
        s.actionId(),
        s.workflowId(),
        s.resourceId(),
        s.action(),
        s.target(),
        s.params(),
        s.dryRun(),
        s.requireApproval(),
        s.state().name(),
        s.state().isFinal(),
        s.scope(),
        s.message(),
        s.requestedBy(),
        s.requestedAt(),
        s.updatedAt(),
        s.decidedBy(),
        s.outcome(),
        s.affected(),
        s.details(),
        s.errorType());
  }
}
