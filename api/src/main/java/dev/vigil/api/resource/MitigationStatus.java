package dev.vigil.api.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The contract's {@code mitigationStatus}: the running workflow's {@code status()} when a
 * remediation runs, else the columns {@code IncidentActivities.recordPhase} wrote.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MitigationStatus(
    int attemptCount,
    @Nullable String lastAction,
    @Nullable String phase,
    @Nullable String workflowId,
    @Nullable String incidentId) {}
