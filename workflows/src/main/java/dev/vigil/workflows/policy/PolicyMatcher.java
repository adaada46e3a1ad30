package dev.vigil.workflows.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the policy for a resource that turned unhealthy: the first one, in file order, whose match
 * holds. Pure and thread-safe; ingest calls it for every health transition.
 */
public final class PolicyMatcher {
  private final List<Policy> policies;

  public PolicyMatcher(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  public List<Policy> policies() {
    return policies;
  }

  /**
   * The first policy matching the resource with these active reasons.
   *
   * @param resourceType e.g. {@code k8s/Pod}
   * @param cluster the resource's cluster
   * @param namespace the resource's namespace, or null
   * @param labels labels of the signals (a policy may require some)
   * @param activeReasons reasons of the active adverse signals
   */
  public Optional<Policy> match(
      String resourceType,
      String cluster,
      String namespace,
      Map<String, String> labels,
      Collection<String> activeReasons) {
    for (Policy policy : policies) {
      if (matches(policy.match(), resourceType, cluster, namespace, labels, activeReasons)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a signal with this reason, firing, is a {@code revertOn} trigger for any policy of the
   * type.
   */
  public boolean isRevertReason(String resourceType, String reason) {
    for (Policy policy : policies) {
      if (typeMatches(policy.match().resourceType(), resourceType)
          && policy.revertOn().contains(reason)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(
      PolicyMatch match,
      String resourceType,
      String cluster,
      String namespace,
      Map<String, String> labels,
      Collection<String> activeReasons) {
    if (!typeMatches(match.resourceType(), resourceType)) {
      return false;
    }
    if (match.cluster() != null && !match.cluster().equals(cluster)) {
      return false;
    }
    if (match.namespace() != null && !match.namespace().equals(namespace)) {
      return false;
    }
    for (Map.Entry<String, String> required : match.labels().entrySet()) {
      if (labels == null || !required.getValue().equals(labels.get(required.getKey()))) {
        return false;
      }
    }
    if (match.reasons().isEmpty()) {
      return true;
    }
    for (String reason : activeReasons) {
      if (match.reasons().contains(reason)) {
        return true;
      }
    }
    return false;
  }

  /** Exact match, or a glob where {@code *} stands for any run of characters. */
  static boolean typeMatches(String pattern, String type) {
    if (type == null) {
      return false;
    }
    if (!pattern.contains("*")) {
      return pattern.equals(type);
    }
    String regex = "\\Q" + pattern.replace("*", "\\E.*\\Q") + "\\E";
    return type.matches(regex);
  }
}
