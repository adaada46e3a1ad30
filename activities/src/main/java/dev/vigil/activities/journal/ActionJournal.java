package dev.vigil.activities.journal;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;

/**
 * Runs an action at most once in effect per {@link
 * dev.vigil.workflows.activity.ActionContext#idempotencyKey()} and records it in {@code
 * action_execution} (params, outcome, error):
 *
 * <ul>
 *   <li>dry run: records {@code WOULD_DO} with {@link ActionStep#plan()}, never calls perform;
 *   <li>a key that already succeeded: returns the recorded result as {@code ALREADY_DONE};
 *   <li>a key that started or failed before (a retry): performs again (actions converge) and counts
 *       the try;
 *   <li>a failure: records {@code FAILED} with the error type and message, then rethrows.
 * </ul>
 */
public interface ActionJournal {
  ActionResult execute(ActionRequest request, ActionStep step);
}
