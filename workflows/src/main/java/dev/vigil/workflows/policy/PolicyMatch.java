package dev.vigil.workflows.policy;

import java.util.List;
import java.util.Map;

/**
 * Which resources a policy repairs. Every non-empty criterion must hold.
 *
 * @param resourceType exact type ({@code k8s/Pod}) or a glob with {@code *} ({@code k8s/*})
 * @param reasons any of these signal reasons active on the resource; empty matches any reason
 * @param cluster exact cluster name, or null for any
 * @param namespace exact namespace, or null for any
 * @param labels labels the triggering signal must carry with these values
 */
public record PolicyMatch(
    String resourceType,
    List<String> reasons,
    String cluster,
    String namespace,
    Map<String, String> labels) {

  public PolicyMatch {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
