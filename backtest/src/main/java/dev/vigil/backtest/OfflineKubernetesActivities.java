package dev.vigil.backtest;

import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.activities.kubernetes.Target;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * The {@code k8s.*} actions of a backtest: a recording dry run. The real {@code
 * KubernetesActivitiesImpl} plans a dry run by reading the cluster (the pod's owner, a workload's
 * replicas, a node's pods), and a backtest has no API server to read, nor should it read today's
 * cluster to judge last week. So this implementation says what the real dry run would say, in its
 * words ({@link Target#describe()}), from the resource and the rung's parameters alone, marks what
 * only the cluster could tell, and records it through the same {@link ActionJournal} ({@code
 * action_execution}, outcome {@code WOULD_DO}). It never acts: a request that is not a dry run
 * fails with {@code UnsupportedAction}.
 */
final class OfflineKubernetesActivities implements KubernetesActivities {
  private final ActionJournal journal;

  OfflineKubernetesActivities(ActionJournal journal) {
    this.journal = journal;
  }

  @Override
  public ActionResult deletePod(ActionRequest request) {
    return plan(request, () -> "would delete " + onPod(request).describe());
  }

  @Override
  public ActionResult rolloutRestart(ActionRequest request) {
    return plan(request, () -> "would restart " + workload(request));
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    return plan(
        request,
        () -> {
          String replicas = request.params().get("replicas");
          String delta = request.params().get("replicasDelta");
          if ((replicas == null) == (delta == null)) {
            throw invalid("k8s.scale needs exactly one of replicas or replicasDelta");
          }
          return "would scale "
              + workload(request)
              + (replicas != null
                  ? " to " + replicas + " replicas"
                  : " by " + signed(delta) + " replicas (from its current count)");
        });
  }

  @Override
  public ActionResult cordonNode(ActionRequest request) {
    return plan(request, () -> "would cordon " + node(request));
  }

  @Override
  public ActionResult uncordonNode(ActionRequest request) {
    return plan(request, () -> "would uncordon " + node(request));
  }

  @Override
  public ActionResult drainNode(ActionRequest request) {
    return plan(
        request,
        () ->
            "would cordon "
                + node(request)
                + " and evict its pods through the Eviction API (which pods: only the cluster"
                + " knows)");
  }

  @Override
  public ActionResult patchResources(ActionRequest request) {
    return plan(
        request,
        () -> {
          StringBuilder change = new StringBuilder();
          factor(change, request, "memory", "memoryFactor", "memoryCeiling");
          factor(change, request, "cpu", "cpuFactor", "cpuCeiling");
          if (change.isEmpty()) {
            throw invalid("k8s.patchResources needs memoryFactor and/or cpuFactor");
          }
          return "would patch " + workload(request) + change;
        });
  }

  private ActionResult plan(ActionRequest request, Supplier<String> plan) {
    return journal.execute(
        request,
        new ActionStep() {
          @Override
          public String plan() {
            return plan.get();
          }

          @Override
          public ActionResult perform() {
            throw ApplicationFailure.newNonRetryableFailure(
                "a backtest never acts: " + request.action() + " runs only as a dry run here",
                ActionErrors.UNSUPPORTED_ACTION);
          }
        });
  }

  /** The resource itself, as the real target resolver names it ({@code target: self}). */
  static Target self(ResourceRef resource) {
    String name = resource.name();
    if (name == null || name.isBlank()) {
      throw invalid("resource " + resource.id() + " has no name");
    }
    if ("k8s/Node".equals(resource.type())) {
      return Target.node(name);
    }
    String namespace = resource.namespace();
    if (namespace == null || namespace.isBlank()) {
      throw invalid(
          "resource " + resource.id() + " of type " + resource.type() + " has no namespace");
    }
    return switch (resource.type() == null ? "" : resource.type()) {
      case "k8s/Pod" -> Target.pod(namespace, name);
      case "k8s/Deployment" -> Target.deployment(namespace, name);
      case "k8s/StatefulSet" -> Target.statefulSet(namespace, name);
      default ->
          throw invalid(
              "resource type "
                  + resource.type()
                  + " is not one Kubernetes actions work on"
                  + " (k8s/Pod, k8s/Deployment, k8s/StatefulSet, k8s/Node)");
    };
  }

  private static Target onPod(ActionRequest request) {
    Target target = self(request.resource());
    if (!"self".equals(target(request)) || target.kind() != Target.Kind.POD) {
      throw invalid(request.action() + " acts on a pod, not " + target.describe());
    }
    return target;
  }

  /** A workload itself, or the one owning a pod (its name only the cluster knows). */
  private static String workload(ActionRequest request) {
    Target self = self(request.resource());
    if (self.isWorkload()) {
      return self.describe();
    }
    if (self.kind() == Target.Kind.POD && !"node".equals(target(request))) {
      return "the deployment or statefulset owning " + self.describe();
    }
    throw invalid("a node has no owning workload: " + self.describe());
  }

  /** A node itself, or the one a pod runs on (which one only the cluster knows). */
  private static String node(ActionRequest request) {
    Target self = self(request.resource());
    return switch (self.kind()) {
      case NODE -> self.describe();
      case POD -> "the node running " + self.describe();
      case DEPLOYMENT, STATEFULSET ->
          throw invalid("a workload runs on many nodes, name a pod or a node: " + self.describe());
    };
  }

  private static String target(ActionRequest request) {
    return request.target() == null ? "self" : request.target();
  }

  private static void factor(
      StringBuilder change, ActionRequest request, String resource, String factor, String ceiling) {
    String value = request.params().get(factor);
    if (value == null || value.isBlank()) {
      return;
    }
    change.append(change.isEmpty() ? " " : ", ").append(resource).append(" x").append(value);
    String cap = request.params().get(ceiling);
    change.append(cap == null ? " (default ceiling)" : " (ceiling " + cap + ")");
  }

  private static String signed(String delta) {
    return delta.startsWith("-") || delta.startsWith("+") ? delta : "+" + delta;
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.INVALID_PARAMS);
  }
}
