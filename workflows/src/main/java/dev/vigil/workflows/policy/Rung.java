package dev.vigil.workflows.policy;

import java.time.Duration;
import java.util.Map;

/**
 * One step of the escalation ladder.
 *
 * @param action action name from {@link ActionCatalog}, e.g. {@code k8s.deletePod}
 * @param target what to act on, relative to the resource: {@code self} (default), {@code owner}
 *     (the workload owning a pod), {@code node} (the node a pod runs on)
 * @param params action parameters as strings (e.g. {@code replicas: "2"}, {@code memoryFactor:
 *     "1.5"}); the activity validates them and fails non-retryably when they are wrong
 * @param verifyWithin how long to wait for the signals to clear after the action
 * @param requiresApproval the rung waits in {@code AWAITING_APPROVAL} for a human decision
 * @param compensate the action that undoes this one, registered before the action runs
 * @param timeout start-to-close timeout of one attempt of the action
 * @param retry retry policy of the action's activity
 */
public record Rung(
    String action,
    String target,
    Map<String, String> params,
    Duration verifyWithin,
    boolean requiresApproval,
    ActionSpec compensate,
    Duration timeout,
    RetrySpec retry) {

  public static final String TARGET_SELF = "self";
  public static final Duration DEFAULT_VERIFY_WITHIN = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public Rung {
    params = params == null ? Map.of() : Map.copyOf(params);
    target = target == null ? TARGET_SELF : target;
  }

  /** This rung's own action as an {@link ActionSpec}. */
  public ActionSpec actionSpec() {
    return new ActionSpec(action, target, params);
  }
}
