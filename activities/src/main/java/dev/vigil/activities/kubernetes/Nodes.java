package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads nodes and switches their schedulability (cordon / uncordon). */
final class Nodes {
  private final KubernetesClient client;

  Nodes(KubernetesClient client) {
    this.client = client;
  }

  Node require(Target node) {
    Node found = client.nodes().withName(node.name()).get();
    if (found == null) {
      throw KubernetesFailures.notFound(node.describe() + " not found");
    }
    return found;
  }

  static boolean isUnschedulable(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  /** Sets {@code spec.unschedulable}; false when the node already was so (nothing sent). */
  boolean setUnschedulable(Target node, boolean unschedulable) {
    if (isUnschedulable(require(node)) == unschedulable) {
      return false;
    }
    client
        .nodes()
        .withName(node.name())
        .edit(
            n -> {
              n.getSpec().setUnschedulable(unschedulable ? Boolean.TRUE : null);
              return n;
            });
    return true;
  }
}
