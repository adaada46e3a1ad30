package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.activity.Activity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k8s.deletePod}: deletes the pod so its controller replaces it. A pod that is gone on a
 * retry was deleted by the earlier try, so that is {@code UNCHANGED}, not {@code TargetNotFound}.
 */
final class DeletePodStep implements KubernetesStep {
  private final KubernetesClient client;
  private final TargetResolver targets;

  DeletePodStep(KubernetesClient client, TargetResolver targets) {
    this.client = client;
    this.targets = targets;
  }

  @Override
  public String preview(ActionRequest request, String action) {
    Target target = pod(request, action);
    targets.requirePod(target);
    return "would delete " + target.describe();
  }

  @Override
  public ActionResult act(ActionRequest request, String action) {
    Target target = pod(request, action);
    Pod pod = client.pods().inNamespace(target.namespace()).withName(target.name()).get();
    if (pod == null) {
      if (Activity.getExecutionContext().getInfo().getAttempt() > 1) {
        return new ActionResult(
            action,
            Outcome.UNCHANGED,
            target.describe() + " already gone (deleted by an earlier try)",
            List.of(target.path()),
            Map.of());
      }
      throw KubernetesFailures.notFound(target.describe() + " not found");
    }
    client.pods().inNamespace(target.namespace()).withName(target.name()).delete();
    Map<String, String> details = new HashMap<>();
    details.put("uid", pod.getMetadata().getUid());
    Optional.ofNullable(pod.getSpec().getNodeName()).ifPresent(n -> details.put("node", n));
    return new ActionResult(
        action, Outcome.SUCCEEDED, "deleted " + target.describe(), List.of(target.path()), details);
  }

  private Target pod(ActionRequest request, String action) {
    Target target = targets.resolve(request);
    if (target.kind() != Target.Kind.POD) {
      throw KubernetesFailures.invalidParams(action + " acts on a pod, not " + target.describe());
    }
    return target;
  }
}
