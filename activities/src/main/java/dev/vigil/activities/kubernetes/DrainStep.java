package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code k8s.drain}: {@code kubectl drain} by {@link NodeDrainer}, for at most {@code
 * params.timeout} (else {@code vigil.kubernetes.drain-timeout}), heartbeating its progress so
 * Temporal sees a long drain is alive. A node with nothing left to cordon or evict is {@code
 * UNCHANGED}.
 */
final class DrainStep implements KubernetesStep {
  private final TargetResolver targets;
  private final NodeDrainer drainer;
  private final Duration defaultTimeout;

  DrainStep(TargetResolver targets, NodeDrainer drainer, Duration defaultTimeout) {
    this.targets = targets;
    this.drainer = drainer;
    this.defaultTimeout = defaultTimeout;
  }

  @Override
  public String preview(ActionRequest request, String action) {
    return "would " + drainer.plan(targets.node(request)).describe();
  }

  @Override
  public ActionResult act(ActionRequest request, String action) {
    Target node = targets.node(request);
    Duration timeout = new ActionParams(request).duration("timeout").orElse(defaultTimeout);
    NodeDrainer.Report report =
        drainer.drain(
            node, timeout, progress -> Activity.getExecutionContext().heartbeat(progress));
    Map<String, String> details = new HashMap<>();
    details.put("cordoned", Boolean.toString(report.cordoned()));
    details.put("evicted", String.join(",", report.evicted()));
    details.put("skipped", String.join(",", report.skipped()));
    details.put("terminating", String.join(",", report.terminating()));
    boolean nothingDone = !report.cordoned() && report.evicted().isEmpty();
    String summary =
        (nothingDone ? node.describe() + " was already drained" : "drained " + node.describe())
            + ": evicted "
            + report.evicted().size()
            + " pod(s), skipped "
            + report.skipped().size()
            + " DaemonSet/mirror pod(s)"
            + (report.terminating().isEmpty()
                ? ""
                : ", " + report.terminating().size() + " still terminating");
    return new ActionResult(
        action,
        nothingDone ? Outcome.UNCHANGED : Outcome.SUCCEEDED,
        summary,
        report.evicted(),
        details);
  }
}
