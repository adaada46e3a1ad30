package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.RetrySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An operator's request for one action of the catalog on one resource (docs/design.md "Operator
 * actions"), as the workflow {@code action:<resourceId>:<actionId>} runs it.
 *
 * @param actionId the request's id (what {@code GET /v1/actions/{id}} takes)
 * @param resource the resource, as its {@code resource_state} row names it
 * @param action the action with its target and params (checked against the catalog)
 * @param dryRun record what would be done and change nothing
 * @param requireApproval wait for an approval before acting
 * @param requestedBy the token subject who asked
 * @param requestedAt when the API accepted the request
 * @param budgetScope the storm-guard scope dimensions ({@code cluster}, {@code type}, {@code
 *     namespace}), as a policy's {@code budgetScope}
 * @param approvalTimeout how long an approval is waited for before the request expires
 * @param maxThrottled how long the storm guard may hold the action back before it expires
 * @param timeout one attempt of the action
 * @param retry retries of the action's activity
 */
public record OperatorActionInput(
    String actionId,
    ResourceRef resource,
    ActionSpec action,
    boolean dryRun,
    boolean requireApproval,
    String requestedBy,
    Instant requestedAt,
    List<String> budgetScope,
    Duration approvalTimeout,
    Duration maxThrottled,
    Duration timeout,
    RetrySpec retry) {

  public OperatorActionInput {
    budgetScope = budgetScope == null ? List.of("cluster") : List.copyOf(budgetScope);
  }

  /** {@code action:<resourceId>:<actionId>}. */
  public String workflowId() {
    return WorkflowIds.action(resource.id(), actionId);
  }
}
