package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.workflow.ResourceRef;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Finds what an action works on from the resource under repair and the rung's {@code target}:
 * {@code self}, {@code owner} (the Deployment or StatefulSet owning a pod: pod -> ReplicaSet ->
 * Deployment, or pod -> StatefulSet) or {@code node} (the node a pod runs on).
 */
final class TargetResolver {
  static final String SELF = "self";
  static final String OWNER = "owner";
  static final String NODE = "node";

  private final KubernetesClient client;

  TargetResolver(KubernetesClient client) {
    this.client = client;
  }

  /** The object named by the request's resource and target. */
  Target resolve(ActionRequest request) {
    Target self = self(request.resource());
    String target = request.target() == null ? SELF : request.target();
    return switch (target) {
      case SELF -> self;
      case OWNER -> workloadOf(self);
      case NODE -> nodeOf(self);
      default ->
          throw KubernetesFailures.invalidParams(
              "unknown target '" + target + "' (use self, owner or node)");
    };
  }

  /** The workload a workload action changes: the resolved target, or the workload owning it. */
  Target workload(ActionRequest request) {
    return workloadOf(resolve(request));
  }

  /** The node a node action changes: the resolved target, or the node it runs on. */
  Target node(ActionRequest request) {
    return nodeOf(resolve(request));
  }

  /** For workload actions: a workload itself, or the workload owning a pod. */
  Target workloadOf(Target target) {
    return switch (target.kind()) {
      case DEPLOYMENT, STATEFULSET -> target;
      case POD -> ownerOfPod(target);
      case NODE ->
          throw KubernetesFailures.invalidParams(
              "a node has no owning workload: " + target.describe());
    };
  }

  /** For node actions: a node itself, or the node a pod is scheduled on. */
  Target nodeOf(Target target) {
    return switch (target.kind()) {
      case NODE -> target;
      case POD -> {
        Pod pod = requirePod(target);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || node.isBlank()) {
          throw KubernetesFailures.notFound(target.describe() + " is not scheduled on a node");
        }
        yield Target.node(node);
      }
      case DEPLOYMENT, STATEFULSET ->
          throw KubernetesFailures.invalidParams(
              "a workload runs on many nodes, name a pod or a node: " + target.describe());
    };
  }

  Pod requirePod(Target target) {
    Pod pod = client.pods().inNamespace(target.namespace()).withName(target.name()).get();
    if (pod == null) {
      throw KubernetesFailures.notFound(target.describe() + " not found");
    }
    return pod;
  }

  private Target ownerOfPod(Target podTarget) {
    Pod pod = requirePod(podTarget);
    String namespace = podTarget.namespace();
    OwnerReference owner =
        controller(pod.getMetadata().getOwnerReferences())
            .orElseThrow(
                () ->
                    KubernetesFailures.notFound(
                        podTarget.describe() + " has no owner (a bare pod has no workload)"));
    switch (owner.getKind()) {
      case "StatefulSet" -> {
        return Target.statefulSet(namespace, owner.getName());
      }
      case "ReplicaSet" -> {
        ReplicaSet replicaSet =
            client.apps().replicaSets().inNamespace(namespace).withName(owner.getName()).get();
        if (replicaSet == null) {
          throw KubernetesFailures.notFound(
              "replicaset " + namespace + "/" + owner.getName() + " owning pod not found");
        }
        OwnerReference deployment =
            controller(replicaSet.getMetadata().getOwnerReferences())
                .filter(ref -> "Deployment".equals(ref.getKind()))
                .orElseThrow(
                    () ->
                        KubernetesFailures.notFound(
                            "replicaset "
                                + namespace
                                + "/"
                                + owner.getName()
                                + " of "
                                + podTarget.describe()
                                + " is not owned by a Deployment"));
        return Target.deployment(namespace, deployment.getName());
      }
      default ->
          throw KubernetesFailures.notFound(
              podTarget.describe()
                  + " is owned by "
                  + owner.getKind()
                  + " "
                  + owner.getName()
                  + ", not by a Deployment or StatefulSet");
    }
  }

  private static Target self(ResourceRef resource) {
    String type = resource.type();
    String name = resource.name();
    if (name == null || name.isBlank()) {
      throw KubernetesFailures.invalidParams("resource " + resource.id() + " has no name");
    }
    if ("k8s/Node".equals(type)) {
      return Target.node(name);
    }
    String namespace = resource.namespace();
    if (namespace == null || namespace.isBlank()) {
      throw KubernetesFailures.invalidParams(
          "resource " + resource.id() + " of type " + type + " has no namespace");
    }
    return switch (type == null ? "" : type) {
      case "k8s/Pod" -> Target.pod(namespace, name);
      case "k8s/Deployment" -> Target.deployment(namespace, name);
      case "k8s/StatefulSet" -> Target.statefulSet(namespace, name);
      default ->
          throw KubernetesFailures.invalidParams(
              "resource type "
                  + type
                  + " is not one Kubernetes actions work on"
                  + " (k8s/Pod, k8s/Deployment, k8s/StatefulSet, k8s/Node)");
    };
  }

  private static Optional<OwnerReference> controller(List<OwnerReference> references) {
    if (references == null || references.isEmpty()) {
      return Optional.empty();
    }
    return references.stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst()
        .or(() -> Optional.of(references.get(0)));
  }
}
