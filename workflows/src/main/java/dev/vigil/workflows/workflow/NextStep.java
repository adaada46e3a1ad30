package dev.vigil.workflows.workflow;

import dev.vigil.workflows.activity.IncidentStatus;

/**
 * What follows a rung, or the recovery watch after it. {@link Ladder#after} decides (a pure
 * function of the {@link RungOutcome}, so it is tested without Temporal); {@link
 * RemediationWorkflowImpl} switches over the answer and issues the commands. Steps that move the
 * ladder carry the index of the rung due next, so the decision of whether a rung counted lives in
 * one place.
 */
sealed interface NextStep {

  /**
   * The resource is clear (the rung cleared it, or it cleared before the rung acted): watch it for
   * the recurrence window, whose outcome decides again.
   *
   * @param nextRung 0-based index of the rung due if the problem recurs
   * @param how what cleared it, for the {@code RECOVERED} record
   */
  record Watch(int nextRung, String how) implements NextStep {}

  /**
   * The rung did not hold (not cleared, failed) or the problem recurred: {@code PROBATION}, then
   * the next rung that is due.
   *
   * @param nextRung 0-based index of the rung due next
   * @param why the line the {@code PROBATION} record starts with
   */
  record Probation(int nextRung, String why) implements NextStep {}

  /**
   * A human rejected the rung: the next rung is due, without probation and without an attempt.
   *
   * @param nextRung 0-based index of the rung due next
   */
  record NextRung(int nextRung) implements NextStep {}

  /**
   * Automation ran out: {@code TERMINAL}, page a human, wait for them or for recovery.
   *
   * @param reason why, for the record and the page
   * @param failed the last rung ended in an action failure: the incident ends {@code FAILED}
   */
  record Terminal(String reason, boolean failed) implements NextStep {
    IncidentStatus status() {
      return failed ? IncidentStatus.FAILED : IncidentStatus.TERMINAL;
    }
  }

  /**
   * The recurrence window passed quietly: {@code HEALTHY}, the saga dropped.
   *
   * @param reason the closing line
   */
  record Healthy(String reason) implements NextStep {}

  /**
   * A {@code revertOn} reason fired during the watch: undo the ladder's actions, then {@code
   * HEALTHY}.
   *
   * @param reason the revert reason, for the compensation and the closing line
   */
  record Revert(String reason) implements NextStep {}

  /** {@code cancelMitigation} (or a Temporal cancel) arrived: undo, then {@code CANCELLED}. */
  record Cancelled() implements NextStep {}
}
