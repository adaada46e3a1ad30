package dev.vigil.activities.kubernetes;

import dev.vigil.activities.kubernetes.Quantities.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The right-sizing of one container: each memory/cpu request and limit it sets, multiplied by its
 * factor and bounded by its ceiling. Pure: computed from the container, applied by {@link
 * #applyTo(Container)}.
 */
record ResourcesPatch(String container, List<Change> changes) {

  /**
   * One value changed (or left, when {@code capped} at the ceiling).
   *
   * @param resource memory or cpu
   * @param bucket {@code requests} or {@code limits}
   */
  record Change(Resource resource, String bucket, Quantity from, Quantity to, boolean capped) {
    boolean changes() {
      return !Quantities.sameAmount(from, to);
    }

    String describe() {
      return resource.key()
          + " "
          + bucket
          + " "
          + from
          + " -> "
          + to
          + (capped ? " (ceiling)" : "");
    }
  }

  /** A factor and its ceiling for one resource. */
  record Scaling(Resource resource, BigDecimal factor, Quantity ceiling) {}

  static ResourcesPatch compute(Container container, List<Scaling> scalings) {
    ResourceRequirements resources = container.getResources();
    List<Change> changes = new ArrayList<>();
    for (Scaling scaling : scalings) {
      addChange(changes, scaling, "requests", resources == null ? null : resources.getRequests());
      addChange(changes, scaling, "limits", resources == null ? null : resources.getLimits());
    }
    return new ResourcesPatch(container.getName(), List.copyOf(changes));
  }

  private static void addChange(
      List<Change> changes, Scaling scaling, String bucket, Map<String, Quantity> values) {
    Quantity from = values == null ? null : values.get(scaling.resource().key());
    if (from == null) {
      return;
    }
    Quantity to = Quantities.scale(scaling.resource(), from, scaling.factor(), scaling.ceiling());
    boolean capped =
        to == scaling.ceiling()
            || (scaling.factor().compareTo(BigDecimal.ONE) > 0 && Quantities.sameAmount(from, to));
    changes.add(new Change(scaling.resource(), bucket, from, to, capped));
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /** True when nothing would change because every value already sits at its ceiling. */
  boolean blockedByCeiling() {
    return !changes.isEmpty()
        && changes.stream().noneMatch(Change::changes)
        && changes.stream().anyMatch(Change::capped);
  }

  boolean changesAnything() {
    return changes.stream().anyMatch(Change::changes);
  }

  String describe() {
    return "container "
        + container
        + ": "
        + changes.stream().map(Change::describe).collect(Collectors.joining(", "));
  }

  /** {@code memory.requests -> 512Mi} etc.: the values before, for a compensation to restore. */
  Map<String, String> details() {
    Map<String, String> details = new HashMap<>();
    details.put("container", container);
    for (Change change : changes) {
      String key = change.resource().key() + "." + change.bucket();
      details.put("previous." + key, change.from().toString());
      details.put(key, change.to().toString());
    }
    return details;
  }

  void applyTo(Container target) {
    ResourceRequirements resources = target.getResources();
    Map<String, Quantity> requests = copy(resources.getRequests());
    Map<String, Quantity> limits = copy(resources.getLimits());
    for (Change change : changes) {
      ("requests".equals(change.bucket()) ? requests : limits)
          .put(change.resource().key(), change.to());
    }
    if (resources.getRequests() != null || !requests.isEmpty()) {
      resources.setRequests(requests);
    }
    if (resources.getLimits() != null || !limits.isEmpty()) {
      resources.setLimits(limits);
    }
  }

  private static Map<String, Quantity> copy(Map<String, Quantity> values) {
    return values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
  }
}
