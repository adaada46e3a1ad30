package dev.vigil.workflows.workflow;

/**
 * How a repair ended.
 *
 * @param phase {@code HEALTHY} or {@code CANCELLED}
 * @param incidentId the incident
 * @param attempts rungs run
 * @param resolvedBy {@code vigil} when the signals cleared, else the human who resolved or
 *     cancelled
 * @param message one line, e.g. "recovered after rung 2 (k8s.rolloutRestart)"
 */
public record RemediationResult(
    Phase phase, String incidentId, int attempts, String resolvedBy, String message) {}
