package dev.vigil.workflows.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * What the state store saw change for a resource, delivered by the outbox relay as the {@code
 * observe} signal. The workflow applies each event id once and ignores observations older than the
 * last one it applied.
 *
 * @param eventId id of the event that caused the transition (dedup key)
 * @param resourceId the resource
 * @param healthState health after the transition
 * @param observedAt when the causing event was observed at its source (orders observations)
 * @param activeReasons reasons of the signals active after the transition, e.g. {@code
 *     [CrashLoopBackOff]}; a policy's {@code revertOn} reasons show up here
 * @param severity highest active severity ({@code info|warning|error|critical}), null when healthy
 * @param trigger the reason whose change caused this observation
 */
public record HealthObservation(
    String eventId,
    String resourceId,
    HealthState healthState,
    Instant observedAt,
    List<String> activeReasons,
    String severity,
    String trigger) {

  public HealthObservation {
    activeReasons = activeReasons == null ? List.of() : List.copyOf(activeReasons);
  }

  /** Derived, not a field: ignored by Jackson, or the relay's JSON would not read back. */
  @JsonIgnore
  public boolean isClear() {
    return healthState == HealthState.Healthy;
  }
}
