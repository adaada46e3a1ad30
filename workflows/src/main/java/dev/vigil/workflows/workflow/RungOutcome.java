package dev.vigil.workflows.workflow;

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

  static RungOutcome alreadyClear(RungPlan rung) {
    return new RungOutcome(
        Kind.ALREADY_CLEAR, "signals cleared before " + rung.shortLabel() + " acted");
  }

  static RungOutcome cancelled(RungPlan rung) {
    return new RungOutcome(Kind.CANCELLED, "cancelled during " + rung.shortLabel());
  }
}
