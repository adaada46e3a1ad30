package dev.vigil.workflows.workflow;

import java.util.List;

/**
 * Answer of the {@code status()} query: what an operator (or the API) needs to know right now.
 *
 * @param workflowId the workflow id
 * @param resourceId the resource
 * @param policy the policy name
 * @param phase current phase
 * @param rung 1-based current rung, 0 before the first
 * @param attempts rungs run so far
 * @param maxAttempts the policy's bound
 * @param incidentId the incident, null before it is opened
 * @param health the last applied observation's health state
 * @param pendingApproval the rung waiting for approval, or null
 * @param lastActions the most recent actions, newest last (bounded)
 * @param dryRun whether the repair only records "would do"
 * @param detail one line: what the workflow is doing or waiting for
 */
public record RemediationStatus(
    String workflowId,
    String resourceId,
    String policy,
    Phase phase,
    int rung,
    int attempts,
    int maxAttempts,
    String incidentId,
    HealthState health,
    PendingApproval pendingApproval,
    List<ActionRecord> lastActions,
    boolean dryRun,
    String detail) {}
