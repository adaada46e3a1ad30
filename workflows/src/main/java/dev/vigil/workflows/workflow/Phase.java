package dev.vigil.workflows.workflow;

/** Where a remediation stands; the state machine of docs/design.md ("Phases"). */
public enum Phase {
  /** Started, nothing done yet. */
  UNHEALTHY,
  /** A rung's action is running, or the workflow waits for the signals to clear. */
  MITIGATING,
  /** The last rung did not clear, or the problem recurred: the next rung is due. */
  PROBATION,
  /** A risky rung waits for a human decision. */
  AWAITING_APPROVAL,
  /** The fleet budget (storm guard) refused a lease; re-checked with a timer. */
  THROTTLED,
  /** The signals cleared; waiting out the recurrence window. */
  RECOVERED,
  /** The recurrence window passed quietly (final). */
  HEALTHY,
  /** Automation ran out: a human was paged; waiting for them or for recovery. */
  TERMINAL,
  /** An operator cancelled the mitigation (final). */
  CANCELLED;

  public boolean isFinal() {
    return this == HEALTHY || this == CANCELLED;
  }
}
