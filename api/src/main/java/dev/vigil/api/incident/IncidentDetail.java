package dev.vigil.api.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.store.contracts.Incident;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /v1/incidents/{id}}: the incident, its timeline and its action attempts; while its
 * remediation runs, also the live phase and the rung awaiting approval (null when none).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IncidentDetail(
    Incident incident,
    List<TimelineEvent> timeline,
    List<ActionExecution> actions,
    @Nullable String livePhase,
    @Nullable ApprovalRequest pendingApproval) {}
