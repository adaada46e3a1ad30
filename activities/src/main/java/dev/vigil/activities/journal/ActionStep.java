package dev.vigil.activities.journal;

import dev.vigil.workflows.activity.ActionResult;

/** One action as the journal runs it: a plan for dry runs, and the real thing. */
public interface ActionStep {

  /**
   * Dry run: what the action would do, read from the target's current state without changing it,
   * e.g. "would scale docker service app from 1 to 2 replicas".
   */
  String plan();

  /** Does it. Throws {@code ApplicationFailure} (non-retryable where permanent) on failure. */
  ActionResult perform();
}
