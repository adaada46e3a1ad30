package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k8s.scale}: sets the workload's replicas to {@code params.replicas}, or moves them by
 * {@code params.replicasDelta}. The ceiling {@code vigil.kubernetes.max-replicas} refuses an
 * absolute count above it and caps a delta at it.
 */
final class ScaleWorkloadStep extends WorkloadStep {
  private final int maxReplicas;

  ScaleWorkloadStep(TargetResolver targets, Workloads workloads, int maxReplicas) {
    super(targets, workloads);
    this.maxReplicas = maxReplicas;
  }

  @Override
  String preview(ActionRequest request, Workload workload) {
    int from = workload.replicas();
    int to = desiredReplicas(request, workload);
    return to == from
        ? workload.target().describe() + " already has " + from + " replicas: nothing to do"
        : "would scale "
            + workload.target().describe()
            + " from "
            + from
            + " to "
            + to
            + " replicas";
  }

  @Override
  ActionResult change(ActionRequest request, String action, Workload current, String key) {
    Target target = current.target();
    int from = current.replicas();
    int to = desiredReplicas(request, current);
    Map<String, String> details =
        Map.of("previousReplicas", Integer.toString(from), "replicas", Integer.toString(to));
    if (to == from) {
      return result(
          action,
          Outcome.UNCHANGED,
          target.describe() + " already has " + from + " replicas",
          target,
          details);
    }
    String summary = "scaled " + target.describe() + " from " + from + " to " + to + " replicas";
    editStamped(target, key, summary, w -> w.setReplicas(to));
    return result(action, Outcome.SUCCEEDED, summary, target, details);
  }

  private int desiredReplicas(ActionRequest request, Workload workload) {
    ActionParams params = new ActionParams(request);
    Optional<Integer> absolute = params.integer("replicas");
    Optional<Integer> delta = params.integer("replicasDelta");
    if (absolute.isPresent() == delta.isPresent()) {
      throw KubernetesFailures.invalidParams(
          "k8s.scale needs exactly one of replicas or replicasDelta");
    }
    int from = workload.replicas();
    if (absolute.isPresent()) {
      int to = absolute.get();
      if (to < 0) {
        throw KubernetesFailures.invalidParams("replicas must not be negative, got " + to);
      }
      if (to > maxReplicas) {
        throw KubernetesFailures.blockedByPolicy(
            "replicas "
                + to
                + " is above the ceiling vigil.kubernetes.max-replicas="
                + maxReplicas);
      }
      return to;
    }
    int to = Math.max(0, from + delta.get());
    if (delta.get() > 0 && to > maxReplicas) {
      if (from >= maxReplicas) {
        throw KubernetesFailures.blockedByPolicy(
            workload.target().describe()
                + " already has "
                + from
                + " replicas, the ceiling vigil.kubernetes.max-replicas="
                + maxReplicas);
      }
      return maxReplicas;
    }
    return to;
  }
}
