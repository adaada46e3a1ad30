package dev.vigil.workflows.activity;

import dev.vigil.workflows.workflow.Phase;
import java.time.Instant;

/**
 * A phase transition of a remediation, recorded in one transaction: the resource's {@code
 * mitigationStatus} columns, a timeline row, and (when {@code status} changes) the incident's
 * status with an outbox row for {@code vigil.incidents}.
 *
 * @param incidentId the incident
 * @param workflowId the workflow
 * @param resourceId the resource
 * @param seq per-incident sequence number chosen by the workflow: the idempotency key of the
 *     timeline row
 * @param phase the new phase
 * @param status the incident status this phase implies, or null to keep it
 * @param attempts rungs run so far
 * @param rung 1-based current rung, 0 when none
 * @param lastAction last action name, or null
 * @param message one line for the timeline
 * @param actor {@code vigil} or the human who caused it (cancel, approval, manual resolution)
 * @param at workflow time
 */
public record PhaseChange(
    String incidentId,
    String workflowId,
    String resourceId,
    long seq,
    Phase phase,
    IncidentStatus status,
    int attempts,
    int rung,
    String lastAction,
    String message,
    String actor,
    Instant at) {}
