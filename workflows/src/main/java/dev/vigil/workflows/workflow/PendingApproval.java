package dev.vigil.workflows.workflow;

import java.time.Instant;

/**
 * A rung waiting for a human decision.
 *
 * @param step 1-based rung number, the {@code step} of {@code POST
 *     /v1/incidents/{id}/approvals/{step}}
 * @param action the rung's action
 * @param requestedAt when the rung started waiting
 * @param expiresAt when the wait times out and a human is paged instead
 */
public record PendingApproval(int step, String action, Instant requestedAt, Instant expiresAt) {}
