package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.ActionCatalog;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Durations;
import dev.vigil.workflows.policy.Rung;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The sentences an operator reads: activity summaries in the Temporal UI ("docker.scale app -> 2
 * replicas"), the workflow's current details (markdown), timeline messages and page summaries.
 */
final class Narration {
  private Narration() {}

  /** What an action does to what: "docker.scale app -> 2 replicas". */
  static String action(ActionSpec spec, ResourceRef resource) {
    String subject = subject(spec.target(), resource);
    return switch (spec.action()) {
      case ActionCatalog.DOCKER_SCALE, ActionCatalog.K8S_SCALE ->
          spec.action() + " " + subject + " -> " + replicas(spec.params().get("replicas"));
      case ActionCatalog.DOCKER_RESTART ->
          spec.action()
              + " "
              + subject
              + (spec.params().containsKey("container")
                  ? " container " + spec.params().get("container")
                  : "");
      case ActionCatalog.K8S_PATCH_RESOURCES -> spec.action() + " " + subject + factors(spec);
      default ->
          spec.action() + " " + subject + (spec.params().isEmpty() ? "" : " " + spec.params());
    };
  }

  /** The activity summary: the action, marked when it is an undo or only recorded. */
  static String activitySummary(String action, boolean compensation, boolean dryRun) {
    return (dryRun ? "dry run: " : "") + (compensation ? "undo: " : "") + action;
  }

  /** "CrashLoopBackOff on k8s/prod/payments/Pod/api-7c9". */
  static String incident(ResourceRef resource, HealthObservation trigger) {
    String reason =
        trigger == null
            ? null
            : trigger.trigger() != null
                ? trigger.trigger()
                : trigger.activeReasons().isEmpty()
                    ? null
                    : String.join(", ", trigger.activeReasons());
    return (reason == null ? "Unhealthy" : reason) + " on " + resource.id();
  }

  /** "rung 1 `k8s.deletePod` approved by bob: go". */
  static String verdict(RungPlan rung, ApprovalDecision decided) {
    boolean approved = decided.decision() == ApprovalDecision.Decision.APPROVE;
    return rung.shortLabel()
        + (approved ? " approved by " : " rejected by ")
        + decided.by()
        + (decided.comment() == null || decided.comment().isBlank()
            ? ""
            : ": " + decided.comment());
  }

  /** "rung 2 `k8s.rolloutRestart` held back: lease refused in cluster=prod-eu (cooldown)". */
  static String heldBack(RungPlan rung, String scope, String reason) {
    return rung.shortLabel() + " held back: lease refused in " + scope + " (" + reason + ")";
  }

  static String acting(RungPlan rung, String summary) {
    return "**" + rung.label() + "**: running `" + summary + "`";
  }

  static String verifying(RungPlan rung) {
    return "**"
        + rung.label()
        + "**: waiting up to "
        + rung.verifyWithinText()
        + " for the signals to clear";
  }

  static String awaitingApproval(RungPlan rung, Instant expiresAt) {
    return "**"
        + rung.label()
        + "**: awaiting approval of step "
        + rung.step()
        + " until "
        + expiresAt
        + " (then a human is paged)";
  }

  static String throttled(RungPlan rung, String scope, String reason, Duration wait) {
    return "**"
        + rung.label()
        + "**: throttled by the fleet budget in `"
        + scope
        + "` ("
        + reason
        + "), asking again in "
        + Durations.format(wait);
  }

  static String recovered(Duration window, List<String> revertOn) {
    return "**Recovered**: watching "
        + Durations.format(window)
        + " for recurrence"
        + (revertOn.isEmpty() ? "" : "; reverts on " + String.join(", ", revertOn));
  }

  static String terminal(String severity, String dedupKey) {
    return "**Terminal**: paged ("
        + severity
        + ", dedup key `"
        + dedupKey
        + "`); waiting for `resolveManually` or for the signals to clear";
  }

  static String compensating(int count, String why) {
    return "**Compensating**: undoing "
        + count
        + (count == 1 ? " action" : " actions")
        + " ("
        + why
        + ")";
  }

  /**
   * The {@code PROBATION} record: "rung 1 `k8s.deletePod` did not clear within 5m; next: rung 2
   * `k8s.rolloutRestart`".
   */
  static String probation(String why, RungPlan next) {
    return why + "; next: " + next.shortLabel();
  }

  /** The closing line of a cancelled repair: "cancelled by alice: wrong resource". */
  static String cancelled(CancelRequest cancel) {
    return "cancelled by " + cancel.by() + (cancel.reason() == null ? "" : ": " + cancel.reason());
  }

  /**
   * The closing line of a manually resolved repair: "resolved manually by dave: scaled by hand".
   */
  static String resolvedManually(ManualResolution manual) {
    String note = manual.note() == null || manual.note().isBlank() ? "" : ": " + manual.note();
    return "resolved manually by " + manual.by() + note;
  }

  static String finished(Phase phase, String message) {
    return "**" + phase + "**: " + message;
  }

  /** One line for a failed activity: "NotReady: replica 2 never became healthy". */
  static String failure(Throwable failure) {
    Throwable cause =
        failure instanceof ActivityFailure && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out ("
          + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "").toLowerCase(Locale.ROOT)
          + ")";
    }
    if (cause instanceof CanceledFailure) {
      return "cancelled";
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static String subject(String target, ResourceRef resource) {
    String name =
        resource.name() == null || resource.name().isBlank() ? resource.id() : resource.name();
    String qualified = resource.namespace() == null ? name : resource.namespace() + "/" + name;
    return Rung.TARGET_SELF.equals(target) ? qualified : target + " of " + qualified;
  }

  private static String replicas(String value) {
    return (value == null ? "?" : value) + ("1".equals(value) ? " replica" : " replicas");
  }

  private static String factors(ActionSpec spec) {
    StringBuilder out = new StringBuilder();
    if (spec.params().containsKey("memoryFactor")) {
      out.append(" memory x").append(spec.params().get("memoryFactor"));
    }
    if (spec.params().containsKey("cpuFactor")) {
      out.append(" cpu x").append(spec.params().get("cpuFactor"));
    }
    return out.toString();
  }
}
