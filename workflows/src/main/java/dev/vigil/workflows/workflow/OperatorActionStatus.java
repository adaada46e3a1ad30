package dev.vigil.workflows.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An operator action's status: the answer of the workflow's {@code status()} query and, at every
 * change, the row {@code OperatorActionActivities.recordActionStatus} writes, so it can still be
 * read after the workflow has ended.
 *
 * @param actionId the request's id
 * @param workflowId {@code action:<resourceId>:<actionId>}
 * @param resourceId the resource
 * @param action the action name
 * @param target {@code self}, {@code owner} or {@code node}
 * @param params the action's params
 * @param dryRun record "would do" only
 * @param requireApproval waits for an approval before acting
 * @param scope the storm-guard scope, e.g. {@code cluster=prod-eu}
 * @param state where it is
 * @param seq increases with every change: the row is only ever replaced by a newer one
 * @param message one line on the last change
 * @param requestedBy who asked
 * @param requestedAt when
 * @param updatedAt workflow time of this change
 * @param decidedBy who approved or rejected it, null otherwise
 * @param outcome the action's outcome once it ran ({@code SUCCEEDED}, {@code UNCHANGED}, {@code
 *     WOULD_DO}, {@code ALREADY_DONE}), null otherwise
 * @param affected what the action touched (containers, pods, nodes)
 * @param details action-specific facts
 * @param errorType the failure type when it FAILED ({@code NotReady}, {@code InvalidParams}, ...)
 */
public record OperatorActionStatus(
    String actionId,
    String workflowId,
    String resourceId,
    String action,
    String target,
    Map<String, String> params,
    boolean dryRun,
    boolean requireApproval,
    String scope,
    OperatorActionState state,
    long seq,
    String message,
    String requestedBy,
    Instant requestedAt,
    Instant updatedAt,
    String decidedBy,
    String outcome,
    List<String> affected,
    Map<String, String> details,
    String errorType) {

  public OperatorActionStatus {
    params = params == null ? Map.of() : Map.copyOf(params);
    affected = affected == null ? List.of() : List.copyOf(affected);
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
