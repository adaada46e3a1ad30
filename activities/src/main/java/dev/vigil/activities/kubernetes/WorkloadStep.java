package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A step that changes a Deployment or StatefulSet. A reply can be lost after the API server applied
 * a change, and Temporal then retries the activity; so each change stamps the request's idempotency
 * key on the workload in the same update, and a try that finds its key already there returns {@code
 * UNCHANGED} with the recorded summary instead of scaling or multiplying twice.
 */
abstract class WorkloadStep implements KubernetesStep {
  private final TargetResolver targets;
  final Workloads workloads;

  WorkloadStep(TargetResolver targets, Workloads workloads) {
    this.targets = targets;
    this.workloads = workloads;
  }

  @Override
  public final String preview(ActionRequest request, String action) {
    return preview(request, workloads.require(targets.workload(request)));
  }

  @Override
  public final ActionResult act(ActionRequest request, String action) {
    Workload current = workloads.require(targets.workload(request));
    String key = request.context().idempotencyKey();
    if (current.changedBy(key)) {
      String summary = current.recordedSummary();
      return result(
          action,
          Outcome.UNCHANGED,
          (summary == null ? "changed" : summary) + " (done by an earlier try of this attempt)",
          current.target(),
          Map.of());
    }
    return change(request, action, current, key);
  }

  /** What the action would do to the workload as it is now. */
  abstract String preview(ActionRequest request, Workload workload);

  /**
   * Changes the workload, which no earlier try of this request changed; a change stamps {@code key}
   * with {@link #editStamped}.
   */
  abstract ActionResult change(ActionRequest request, String action, Workload current, String key);

  /** Applies {@code change} and the stamp of this request in one update of the workload. */
  final void editStamped(Target target, String key, String summary, Consumer<Workload> change) {
    workloads.edit(
        target,
        w -> {
          change.accept(w);
          w.markChangedBy(key, summary);
        });
  }

  static ActionResult result(
      String action, Outcome outcome, String summary, Target target, Map<String, String> details) {
    return new ActionResult(action, outcome, summary, List.of(target.path()), details);
  }
}
