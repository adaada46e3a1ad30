package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.function.Consumer;

/** Reads and changes Deployments and StatefulSets alike. */
final class Workloads {
  private final KubernetesClient client;

  Workloads(KubernetesClient client) {
    this.client = client;
  }

  Workload require(Target target) {
    HasMetadata object =
        switch (target.kind()) {
          case DEPLOYMENT -> deployment(target).get();
          case STATEFULSET -> statefulSet(target).get();
          default -> throw new IllegalArgumentException("not a workload: " + target.describe());
        };
    if (object == null) {
      throw KubernetesFailures.notFound(target.describe() + " not found");
    }
    return new Workload(target, object);
  }

  /** Applies {@code change} to the current object and sends the difference as one patch. */
  Workload edit(Target target, Consumer<Workload> change) {
    HasMetadata updated =
        switch (target.kind()) {
          case DEPLOYMENT ->
              deployment(target)
                  .edit(
                      d -> {
                        change.accept(new Workload(target, d));
                        return d;
                      });
          case STATEFULSET ->
              statefulSet(target)
                  .edit(
                      s -> {
                        change.accept(new Workload(target, s));
                        return s;
                      });
          default -> throw new IllegalArgumentException("not a workload: " + target.describe());
        };
    return new Workload(target, updated);
  }

  /** {@code kubectl rollout restart}: a new restartedAt annotation on the pod template. */
  Workload restart(Target target) {
    HasMetadata restarted =
        switch (target.kind()) {
          case DEPLOYMENT -> deployment(target).rolling().restart();
          case STATEFULSET -> statefulSet(target).rolling().restart();
          default -> throw new IllegalArgumentException("not a workload: " + target.describe());
        };
    return new Workload(target, restarted);
  }

  private RollableScalableResource<Deployment> deployment(Target target) {
    return client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
  }

  private RollableScalableResource<StatefulSet> statefulSet(Target target) {
    return client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
  }
}
