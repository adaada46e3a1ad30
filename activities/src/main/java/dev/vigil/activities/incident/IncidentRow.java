package dev.vigil.activities.incident;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** The columns of an {@code incident} row the incident activities read back. */
public record IncidentRow(
    String id,
    String resourceId,
    String resourceType,
    String cluster,
    String workflowId,
    String policy,
    String status,
    @Nullable String severity,
    String summary,
    @Nullable String phase,
    int attempts,
    boolean dryRun,
    @Nullable Instant closedAt,
    @Nullable String resolvedBy) {}
