package dev.vigil.workflows.workflow;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * The workflow's side of the storm guard: which budget scope a resource falls in, and how long a
 * refused rung waits before asking again.
 */
final class FleetBudget {
  /** Scope value for a dimension the resource does not have (e.g. no namespace). */
  static final String NONE = "-";

  private FleetBudget() {}

  /**
   * {@code cluster=prod-eu} or {@code cluster=prod-eu,type=k8s/Pod}: the policy's {@code
   * budgetScope} dimensions in the policy's order, with the resource's values.
   */
  static String scope(List<String> dimensions, ResourceRef resource) {
    StringJoiner scope = new StringJoiner(",");
    for (String dimension : dimensions) {
      String value =
          switch (dimension) {
            case "cluster" -> resource.cluster();
            case "type" -> resource.type();
            case "namespace" -> resource.namespace();
            default -> throw new IllegalArgumentException("unknown budget dimension " + dimension);
          };
      scope.add(dimension + "=" + (value == null || value.isBlank() ? NONE : value));
    }
    return scope.toString();
  }

  /**
   * The lease service's {@code retryAfter}, kept between a floor (a zero or tiny value must not
   * turn a storm into a polling loop) and a ceiling (a refused rung re-checks at least that often).
   */
  static Duration retryDelay(Duration retryAfter, Duration floor, Duration ceiling) {
    if (retryAfter == null || retryAfter.compareTo(floor) < 0) {
      return floor;
    }
    return retryAfter.compareTo(ceiling) > 0 ? ceiling : retryAfter;
  }

  /** The dedup key of the one storm page per scope. */
  static String stormDedupKey(String scope) {
    return "storm:" + scope;
  }
}
