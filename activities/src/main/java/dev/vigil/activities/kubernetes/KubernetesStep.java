package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;

/**
 * One {@code k8s.*} action, as {@link KubernetesActivitiesImpl} runs it. The runner does what every
 * action shares (journal, idempotency key, dry run, refusing while Kubernetes is switched off,
 * client spans, classifying API errors), so a step only reads and changes the cluster.
 */
interface KubernetesStep {

  /**
   * Dry run: what the action would do to its target as the cluster is now, changing nothing (e.g.
   * "would scale deployment payments/api from 2 to 3 replicas").
   *
   * @param action the action's name, as results and messages say it
   */
  String preview(ActionRequest request, String action);

  /**
   * Does it. Throws {@code ApplicationFailure} (non-retryable where permanent) on failure.
   *
   * @param action the action's name, as results and messages say it
   */
  ActionResult act(ActionRequest request, String action);
}
