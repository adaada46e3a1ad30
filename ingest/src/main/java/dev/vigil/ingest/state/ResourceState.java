package dev.vigil.ingest.state;

import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.workflows.workflow.HealthState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code resource_state} row as ingest reads and writes it (the mitigation columns belong to
 * the incident activities and are left alone).
 */
public record ResourceState(
    String id,
    String type,
    String cluster,
    String namespace,
    String name,
    String component,
    HealthState health,
    List<ActiveSignal> activeSignals,
    Map<String, SignalMark> marks,
    Map<String, String> labels,
    Instant lastEventTimestamp,
    Instant lastTransitionAt,
    Instant nextExpiryAt) {

  public ResourceState {
    activeSignals = activeSignals == null ? List.of() : List.copyOf(activeSignals);
    marks = marks == null ? Map.of() : Map.copyOf(marks);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * Whether the two rows name the same resource the same way (type, cluster, namespace, name,
   * component, labels): only event-driven columns differ between them.
   */
  boolean sameIdentity(ResourceState other) {
    return id.equals(other.id)
        && Objects.equals(type, other.type)
        && Objects.equals(cluster, other.cluster)
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(name, other.name)
        && Objects.equals(component, other.component)
        && labels.equals(other.labels);
  }
}
