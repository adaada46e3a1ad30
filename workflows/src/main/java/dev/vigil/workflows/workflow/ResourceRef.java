package dev.vigil.workflows.workflow;

import java.util.Map;

/**
 * Identity of the resource a remediation acts on, as ingest normalized it.
 *
 * @param id the resource id (docs/design.md "Resource ids from each source"), e.g. {@code
 *     k8s/prod-eu/payments/Pod/api-7c9} or {@code docker/service/app}
 * @param type e.g. {@code k8s/Pod}, {@code k8s/Node}, {@code docker/service}
 * @param cluster cluster name, {@code default} when the source has none
 * @param namespace Kubernetes namespace, null for cluster-scoped or non-Kubernetes resources
 * @param name the object's own name (pod, node, deployment or docker service name)
 * @param labels labels of the triggering signal, for actions that need more context
 */
public record ResourceRef(
    String id,
    String type,
    String cluster,
    String namespace,
    String name,
    Map<String, String> labels) {

  public ResourceRef {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The workflow id of the one remediation this resource can have at a time. */
  public String workflowId() {
    return WorkflowIds.remediation(id);
  }
}
