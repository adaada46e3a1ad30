package dev.vigil.workflows.activity;

import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.ResourceRef;
import java.time.Instant;

/**
 * Opens the incident of a repair. Idempotent on {@code incidentId}: a retry or a replayed call
 * returns the existing incident.
 *
 * @param incidentId chosen by the workflow ({@code Workflow.randomUUID()}), stable across
 *     continue-as-new
 * @param workflowId the remediation's workflow id
 * @param resource the resource
 * @param policy the policy name
 * @param severity highest severity of the triggering signals
 * @param summary one line, e.g. "CrashLoopBackOff on k8s/prod/payments/Pod/api-7c9"
 * @param trigger the observation that started the repair
 * @param dryRun whether this repair only records "would do"
 * @param at workflow time
 */
public record OpenIncidentRequest(
    String incidentId,
    String workflowId,
    ResourceRef resource,
    String policy,
    String severity,
    String summary,
    HealthObservation trigger,
    boolean dryRun,
    Instant at) {}
