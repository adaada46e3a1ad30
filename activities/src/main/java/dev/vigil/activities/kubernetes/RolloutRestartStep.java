package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k8s.rolloutRestart}: {@code kubectl rollout restart} of the workload, whose controller
 * then replaces its pods one by one.
 */
final class RolloutRestartStep extends WorkloadStep {
  static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  RolloutRestartStep(TargetResolver targets, Workloads workloads) {
    super(targets, workloads);
  }

  @Override
  String preview(ActionRequest request, Workload workload) {
    return "would restart "
        + workload.target().describe()
        + " ("
        + workload.replicas()
        + " replicas)";
  }

  @Override
  ActionResult change(ActionRequest request, String action, Workload current, String key) {
    Target target = current.target();
    Workload restarted = workloads.restart(target);
    String summary = "restarted " + target.describe();
    // The restart is its own request (fabric8's rolling().restart()), so the stamp follows it.
    editStamped(target, key, summary, w -> {});
    Map<String, String> details = new HashMap<>();
    details.put("kind", target.kind().word());
    Optional.ofNullable(templateAnnotations(restarted.template()).get(RESTARTED_AT_ANNOTATION))
        .ifPresent(at -> details.put("restartedAt", at));
    return result(action, Outcome.SUCCEEDED, summary, target, details);
  }

  private static Map<String, String> templateAnnotations(PodTemplateSpec template) {
    Map<String, String> annotations =
        template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
