package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.Durations;
import java.time.Duration;
import java.util.List;

/**
 * How a rung (or the recovery watch after it) ended, with one line for the timeline; {@link
 * RemediationWorkflowImpl} turns it into the next phase.
 *
 * @param kind what happened
 * @param note one line, e.g. "rung 1 `k8s.deletePod` did not clear within 5m"
 */
record RungOutcome(Kind kind, String note) {

  enum Kind {
    /** The action ran and the signals cleared within {@code verifyWithin}. */
    CLEARED,
    /** The action ran but the signals did not clear in time: probation, next rung. */
    NOT_CLEARED,
    /** The action failed (retries spent, or a non-retryable error): compensate, next rung. */
    FAILED,
    /** The signals cleared before the rung acted: nothing done, recovery watch. */
    ALREADY_CLEAR,
    /** A human rejected the rung: skip it without counting an attempt. */
    REJECTED,
    /** Nobody decided on the rung in time: page a human. */
    APPROVAL_TIMED_OUT,
    /** {@code cancelMitigation} arrived. */
    CANCELLED,
    /** Recovery watch: the window passed quietly. */
    QUIET,
    /** Recovery watch: the problem came back inside the window. */
    RECURRED,
    /** Recovery watch: a {@code revertOn} reason fired; undo the ladder's actions. */
    REVERTED
  }

  static RungOutcome cleared(RungPlan rung) {
    return new RungOutcome(Kind.CLEARED, rung.shortLabel() + " cleared the signals");
  }

  static RungOutcome notCleared(RungPlan rung) {
    return new RungOutcome(
        Kind.NOT_CLEARED, rung.shortLabel() + " did not clear within " + rung.verifyWithinText());
  }

  static RungOutcome failed(RungPlan rung, String why) {
    return new RungOutcome(Kind.FAILED, rung.shortLabel() + " failed: " + why);
  }

  static RungOutcome rejected(String verdict) {
    return new RungOutcome(Kind.REJECTED, verdict);
  }

  static RungOutcome approvalTimedOut(RungPlan rung, Duration timeout) {
    return new RungOutcome(
        Kind.APPROVAL_TIMED_OUT,
        "approval for rung " + rung.step() + " timed out after " + Durations.format(timeout));
  }

  static RungOutcome quiet(Duration window, String how) {
    return new RungOutcome(Kind.QUIET, "quiet for " + Durations.format(window) + " after: " + how);
  }

  static RungOutcome recurred(Duration window, List<String> reasons) {
    return new RungOutcome(
        Kind.RECURRED,
        "recurred within "
            + Durations.format(window)
            + " of recovery ("
            + String.join(", ", reasons)
            + ")");
  }

  static RungOutcome reverted(String reason) {
    return new RungOutcome(Kind.REVERTED, "reverted on " + reason);
  }

  static RungOutcome alreadyClear(RungPlan rung) {
    return new RungOutcome(
        Kind.ALREADY_CLEAR, "signals cleared before " + rung.shortLabel() + " acted");
  }

  static RungOutcome cancelled(RungPlan rung) {
    return new RungOutcome(Kind.CANCELLED, "cancelled during " + rung.shortLabel());
  }
}
