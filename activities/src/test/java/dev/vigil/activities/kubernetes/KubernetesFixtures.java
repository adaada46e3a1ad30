package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.workflow.ResourceRef;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Objects as a real cluster would hold them. No controllers run against the mock server, so tests
 * create the pods, ReplicaSets and owners a Deployment controller would have made.
 */
final class KubernetesFixtures {
  static final String NS = "payments";
  static final KubernetesConfig CONFIG =
      new KubernetesConfig(true, 5, Duration.ofSeconds(5), Duration.ofMillis(100), "4Gi", "2", 0);

  private KubernetesFixtures() {}

  static OwnerReference owner(String kind, String name) {
    return new OwnerReferenceBuilder()
        .withApiVersion(kind.equals("ReplicaSet") || kind.endsWith("Set") ? "apps/v1" : "v1")
        .withKind(kind)
        .withName(name)
        .withUid(UUID.randomUUID().toString())
        .withController(true)
        .build();
  }

  static Pod pod(String name, String node, Map<String, String> labels, OwnerReference... owners) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .withLabels(labels)
        .withOwnerReferences(owners)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("api")
        .withImage("registry.local/api:1")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  static PodTemplateSpec template(String app) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(Map.of("app", app))
        .endMetadata()
        .withNewSpec()
        .addToContainers(
            new ContainerBuilder()
                .withName("sidecar")
                .withImage("registry.local/proxy:1")
                .withNewResources()
                .addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .build())
        .addToContainers(
            new ContainerBuilder()
                .withName("api")
                .withImage("registry.local/api:1")
                .withNewResources()
                .addToRequests("memory", new Quantity("512Mi"))
                .addToRequests("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("3Gi"))
                .addToLimits("cpu", new Quantity("1"))
                .endResources()
                .build())
        .endSpec()
        .build();
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name))
        .endSpec()
        .build();
  }

  static ReplicaSet replicaSet(String name, String deployment) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .withOwnerReferences(owner("Deployment", deployment))
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .addToMatchLabels("app", deployment)
        .endSelector()
        .withTemplate(template(deployment))
        .endSpec()
        .build();
  }

  static StatefulSet statefulSet(String name, int replicas) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withNamespace(NS)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name))
        .endSpec()
        .build();
  }

  static Node node(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .build();
  }

  static ResourceRef podRef(String name) {
    return new ResourceRef("k8s/prod/" + NS + "/Pod/" + name, "k8s/Pod", "prod", NS, name, null);
  }

  static ResourceRef deploymentRef(String name) {
    return new ResourceRef(
        "k8s/prod/" + NS + "/Deployment/" + name, "k8s/Deployment", "prod", NS, name, null);
  }

  static ResourceRef nodeRef(String name) {
    return new ResourceRef("k8s/prod/Node/" + name, "k8s/Node", "prod", null, name, null);
  }

  /** A request with a fresh idempotency key. */
  static ActionRequest request(
      ResourceRef resource, String action, String target, Map<String, String> params) {
    return request(resource, action, target, params, false);
  }

  static ActionRequest request(
      ResourceRef resource,
      String action,
      String target,
      Map<String, String> params,
      boolean dryRun) {
    ActionContext context =
        new ActionContext(
            resource.workflowId(),
            "inc-" + UUID.randomUUID(),
            resource.id(),
            1,
            1,
            ActionContext.Kind.ACTION,
            dryRun);
    return new ActionRequest(context, resource, action, target, params);
  }
}
