package dev.vigil.api.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.store.contracts.ActiveSignal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A resource's state in the shape of docs/design.md ("Resource state"); the field names are the
 * contract. {@code mitigationStatus} is null for a resource that never had a remediation.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResourceView(
    String id,
    String type,
    String healthState,
    @Nullable Instant lastEventTimestamp,
    List<ActiveSignal> activeSignals,
    @Nullable MitigationStatus mitigationStatus) {

  public ResourceView withMitigationStatus(@Nullable MitigationStatus status) {
    return new ResourceView(id, type, healthState, lastEventTimestamp, activeSignals, status);
  }
}
