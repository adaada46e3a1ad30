package dev.vigil.workflows.workflow;

import dev.vigil.workflows.activity.PageRequest;
import dev.vigil.workflows.policy.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages a remediation sends (PagerDuty Events v2 fields): the terminal page of its incident,
 * its resolution, and the storm page of a budget scope, with the facts a responder reads first.
 *
 * @param resource the resource under repair
 * @param policy its policy snapshot
 * @param dryRun record "would page" instead of paging
 */
record Pages(ResourceRef resource, Policy policy, boolean dryRun) {

  /** Automation ran out: dedup key = incident id, so trigger and resolve pair up. */
  PageRequest incident(String incidentId, String why, Map<String, String> facts) {
    return page(incidentId, "Vigil could not repair " + resource.id() + ": " + why, facts);
  }

  /** Resolves the incident page (same dedup key). */
  PageRequest resolution(String dedupKey, Map<String, String> facts) {
    return page(dedupKey, "Resolved: " + resource.id(), facts);
  }

  /**
   * What the incident page and its resolution tell the responder, in this order: where to look
   * (incident, workflow), how far automation got (attempts of the maximum, the recent actions and
   * their outcomes) and whether anything was really done (dry run).
   */
  Map<String, String> facts(String incidentId, int attempts, List<ActionRecord> lastActions) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("incidentId", incidentId);
    facts.put("workflowId", resource.workflowId());
    facts.put("attempts", attempts + "/" + policy.maxAttempts());
    facts.put(
        "lastActions",
        lastActions.stream().map(a -> a.action() + " " + a.outcome()).toList().toString());
    facts.put("dryRun", String.valueOf(dryRun));
    return facts;
  }

  /** The timeline line of a page that went out: "paged (critical): Vigil could not repair ...". */
  static String triggered(PageRequest page) {
    return "paged (" + page.severity() + "): " + page.summary();
  }

  /** One page per scope and storm, instead of a thousand repairs: source is the scope. */
  PageRequest storm(String scope, String reason) {
    return storm(resource, policy.page().severity(), scope, reason, dryRun);
  }

  /** The storm page of a scope, from whichever workflow the storm guard told to send it. */
  static PageRequest storm(
      ResourceRef resource, String severity, String scope, String reason, boolean dryRun) {
    return new PageRequest(
        FleetBudget.stormDedupKey(scope),
        "Remediation storm in " + scope + ": repairs held back (" + reason + ")",
        scope,
        severity,
        resource.type(),
        resource.cluster(),
        "remediation-storm",
        Map.of("scope", scope, "reason", String.valueOf(reason), "firstResource", resource.id()),
        dryRun);
  }

  private PageRequest page(String dedupKey, String summary, Map<String, String> facts) {
    return new PageRequest(
        dedupKey,
        summary,
        resource.id(),
        policy.page().severity(),
        resource.type(),
        resource.cluster(),
        policy.name(),
        facts,
        dryRun);
  }
}
