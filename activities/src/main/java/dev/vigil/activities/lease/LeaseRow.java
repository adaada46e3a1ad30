package dev.vigil.activities.lease;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A {@code remediation_lease} row: one per acting workflow. */
@MappedEntity("remediation_lease")
public record LeaseRow(
    @Id String holder,
    String scope,
    String resourceId,
    @Nullable String incidentId,
    Instant acquiredAt,
    Instant expiresAt) {}
