package dev.vigil.workflows.activity;

import java.util.List;
import java.util.Map;

/**
 * Output of every action activity.
 *
 * @param action the action name
 * @param outcome what happened
 * @param summary one line for the timeline, e.g. "scaled docker service app 1 -> 2 (2 ready)"
 * @param affected what the action left or touched: container ids, pod names, node names
 * @param details action-specific facts (previous replicas, evicted pods, ...)
 */
public record ActionResult(
    String action,
    Outcome outcome,
    String summary,
    List<String> affected,
    Map<String, String> details) {

  public ActionResult {
    affected = affected == null ? List.of() : List.copyOf(affected);
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public enum Outcome {
    /** The action changed the target as asked. */
    SUCCEEDED,
    /** The target already was as asked; nothing changed. */
    UNCHANGED,
    /** Dry run: recorded what would be done, changed nothing. */
    WOULD_DO,
    /** A retry of an attempt that had already succeeded: the journal's recorded result. */
    ALREADY_DONE
  }
}
