package dev.vigil.api.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An incident: one remediation of one resource, from detection to its end. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Incident(
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
    Instant openedAt,
    Instant updatedAt,
    @Nullable Instant closedAt,
    @Nullable String resolvedBy) {}
