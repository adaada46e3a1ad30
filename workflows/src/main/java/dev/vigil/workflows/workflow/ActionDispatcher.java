package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.policy.ActionCatalog.DOCKER_RESTART;
import static dev.vigil.workflows.policy.ActionCatalog.DOCKER_SCALE;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_CORDON;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_DELETE_POD;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_DRAIN;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_PATCH_RESOURCES;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_ROLLOUT_RESTART;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_SCALE;
import static dev.vigil.workflows.policy.ActionCatalog.K8S_UNCORDON;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a policy's action name to the typed activity that performs it, so the Temporal UI shows
 * {@code ScaleService} or {@code RolloutRestart}, not a generic "run action". Stubs are made per
 * call because each rung brings its own timeout, retry policy and summary.
 */
final class ActionDispatcher {

  /** Actions that wait for their effect and heartbeat while they do. */
  private static final Set<String> LONG_RUNNING =
      Set.of(DOCKER_SCALE, DOCKER_RESTART, K8S_ROLLOUT_RESTART, K8S_DRAIN);

  private final Function<ActivityOptions, DockerActivities> docker;
  private final Function<ActivityOptions, KubernetesActivities> kubernetes;

  ActionDispatcher(
      Function<ActivityOptions, DockerActivities> docker,
      Function<ActivityOptions, KubernetesActivities> kubernetes) {
    this.docker = docker;
    this.kubernetes = kubernetes;
  }

  /** The dispatcher a workflow uses: activity stubs with the given options. */
  static ActionDispatcher forWorkflow() {
    return new ActionDispatcher(
        options -> Workflow.newActivityStub(DockerActivities.class, options),
        options -> Workflow.newActivityStub(KubernetesActivities.class, options));
  }

  static boolean supports(String action) {
    return ActionCatalog.isKnown(action);
  }

  static boolean isLongRunning(String action) {
    return LONG_RUNNING.contains(action);
  }

  /**
   * Runs the request's action through its activity.
   *
   * @throws IllegalArgumentException for an action outside {@link ActionCatalog} (policies are
   *     validated when they load, so only a hand-made input gets here)
   */
  ActionResult run(ActionRequest request, ActivityOptions options) {
    return switch (request.action()) {
      case DOCKER_SCALE -> docker.apply(options).scaleService(request);
      case DOCKER_RESTART -> docker.apply(options).restartContainer(request);
      case K8S_DELETE_POD -> kubernetes.apply(options).deletePod(request);
      case K8S_ROLLOUT_RESTART -> kubernetes.apply(options).rolloutRestart(request);
      case K8S_SCALE -> kubernetes.apply(options).scaleWorkload(request);
      case K8S_CORDON -> kubernetes.apply(options).cordonNode(request);
      case K8S_UNCORDON -> kubernetes.apply(options).uncordonNode(request);
      case K8S_DRAIN -> kubernetes.apply(options).drainNode(request);
      case K8S_PATCH_RESOURCES -> kubernetes.apply(options).patchResources(request);
      default -> throw new IllegalArgumentException("unsupported action " + request.action());
    };
  }
}
