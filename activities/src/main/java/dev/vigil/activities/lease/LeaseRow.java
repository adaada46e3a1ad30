package dev.vigil.activities.lease;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A {@code remediation_lease} row: one per acting workflow. */
public record LeaseRow(
    String holder,
    String scope,
    String resourceId,
    @Nullable String incidentId,
    Instant acquiredAt,
    Instant expiresAt) {}
