package dev.vigil.workflows.workflow;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Durations;
import dev.vigil.workflows.policy.RetrySpec;
import dev.vigil.workflows.policy.Rung;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * One rung as the workflow runs it: its number, its label in summaries, the activity options of its
 * action and compensation, and how long its storm-guard lease must live.
 *
 * @param index 0-based position in the ladder
 * @param of ladder size
 * @param rung the rung from the policy snapshot
 */
record RungPlan(int index, int of, Rung rung) {

  private static final double BACKOFF = 2.0;

  /** 1-based rung number: the {@code step} of approvals and of {@code ActionContext.rung}. */
  int step() {
    return index + 1;
  }

  boolean requiresApproval() {
    return rung.requiresApproval();
  }

  Duration verifyWithin() {
    return rung.verifyWithin();
  }

  /** "Rung 2/3 `k8s.rolloutRestart` on owner". */
  String label() {
    return "Rung "
        + step()
        + "/"
        + of
        + " `"
        + rung.action()
        + "`"
        + (Rung.TARGET_SELF.equals(rung.target()) ? "" : " on " + rung.target());
  }

  /** "rung 2 `k8s.rolloutRestart`", for sentences. */
  String shortLabel() {
    return "rung " + step() + " `" + rung.action() + "`";
  }

  /** Options of this rung's action. */
  ActivityOptions actionOptions(Duration heartbeatTimeout, String summary) {
    return optionsFor(rung.action(), heartbeatTimeout, summary);
  }

  /**
   * Options of an action run on this rung's behalf (its own action or its compensation): one
   * attempt may take {@code rung.timeout}; transient failures are retried per {@code rung.retry}
   * with exponential backoff; the types in {@link ActionErrors#NON_RETRYABLE} end it at once.
   * Actions that wait (readiness, rollouts, drains) heartbeat, and a cancel waits until the
   * activity has stopped, so a compensation never races the action it undoes.
   */
  ActivityOptions optionsFor(String action, Duration heartbeatTimeout, String summary) {
    RetrySpec retry = rung.retry();
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(rung.timeout())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(retry.initialInterval())
                    .setMaximumInterval(retry.maxInterval())
                    .setBackoffCoefficient(BACKOFF)
                    .setMaximumAttempts(retry.maxAttempts())
                    .setDoNotRetry(ActionErrors.NON_RETRYABLE.toArray(String[]::new))
                    .build())
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setSummary(summary);
    if (ActionDispatcher.isLongRunning(action)) {
      options.setHeartbeatTimeout(heartbeatTimeout);
    }
    return options.build();
  }

  /**
   * Lease lifetime: every attempt of the action with its backoff, the verification wait and a
   * margin, so the lease outlives a slow but healthy rung and still expires if the workflow dies.
   */
  Duration leaseTtl(Duration margin) {
    RetrySpec retry = rung.retry();
    int attempts = Math.max(1, retry.maxAttempts());
    return rung.timeout()
        .multipliedBy(attempts)
        .plus(retry.maxInterval().multipliedBy(attempts - 1L))
        .plus(rung.verifyWithin())
        .plus(margin);
  }

  /** The compensation this rung declares, or null. */
  ActionSpec compensation() {
    return rung.compensate();
  }

  String verifyWithinText() {
    return Durations.format(rung.verifyWithin());
  }
}
