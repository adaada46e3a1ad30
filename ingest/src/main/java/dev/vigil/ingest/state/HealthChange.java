package dev.vigil.ingest.state;

import dev.vigil.workflows.workflow.HealthState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something the workflow must hear about: a health transition, or a policy's {@code revertOn}
 * reason starting to fire. Each becomes one observation row in the outbox. The active reasons are
 * those right after this change, even when later events of the same batch change them again.
 *
 * @param eventId the event that caused it (an expiry gets a deterministic id of its own)
 * @param previous health before
 * @param current health after
 * @param observedAt when the causing event was observed
 * @param trigger the reason whose change caused it
 * @param labels labels of the causing event
 * @param activeReasons reasons of all active signals after the change
 * @param adverseReasons reasons of the active warning, error and critical signals
 * @param severity the highest active adverse severity, null when healthy
 */
public record HealthChange(
    String eventId,
    HealthState previous,
    HealthState current,
    Instant observedAt,
    String trigger,
    Map<String, String> labels,
    List<String> activeReasons,
    List<String> adverseReasons,
    String severity) {

  public HealthChange {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    activeReasons = List.copyOf(activeReasons);
    adverseReasons = List.copyOf(adverseReasons);
  }

  public boolean isTransition() {
    return previous != current;
  }
}
