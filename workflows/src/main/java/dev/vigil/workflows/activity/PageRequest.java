package dev.vigil.workflows.activity;

import java.util.Map;

/**
 * A page to a human (PagerDuty Events API v2 fields) or its resolution.
 *
 * @param dedupKey the incident id (or {@code storm:<scope>} for a storm page): trigger and resolve
 *     of one incident share it
 * @param summary one line a human reads at 3 a.m.
 * @param source the resource id
 * @param severity {@code critical|error|warning|info}
 * @param component the resource type
 * @param group the cluster
 * @param eventClass the policy name
 * @param customDetails attempts, actions taken, links
 * @param dryRun record "would page" and send nothing
 */
public record PageRequest(
    String dedupKey,
    String summary,
    String source,
    String severity,
    String component,
    String group,
    String eventClass,
    Map<String, String> customDetails,
    boolean dryRun) {

  public PageRequest {
    customDetails = customDetails == null ? Map.of() : Map.copyOf(customDetails);
  }
}
