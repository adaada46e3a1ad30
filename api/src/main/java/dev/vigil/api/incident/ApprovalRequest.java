package dev.vigil.api.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The rung waiting for a human, from the running workflow's {@code status()}: decide it with {@code
 * POST /v1/incidents/{id}/approvals/{step}}.
 */
@Serdeable
public record ApprovalRequest(
    int step, String action, @Nullable Instant requestedAt, @Nullable Instant expiresAt) {}
