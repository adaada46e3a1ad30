package dev.vigil.workflows.policy;

import java.util.List;
import java.util.Set;

/** The action names a ladder may use (docs/design.md "Actions"), checked when policies load. */
public final class ActionCatalog {
  public static final String DOCKER_SCALE = "docker.scale";
  public static final String DOCKER_RESTART = "docker.restart";
  public static final String K8S_DELETE_POD = "k8s.deletePod";
  public static final String K8S_ROLLOUT_RESTART = "k8s.rolloutRestart";
  public static final String K8S_SCALE = "k8s.scale";
  public static final String K8S_CORDON = "k8s.cordon";
  public static final String K8S_UNCORDON = "k8s.uncordon";
  public static final String K8S_DRAIN = "k8s.drain";
  public static final String K8S_PATCH_RESOURCES = "k8s.patchResources";

  public static final List<String> ALL =
      List.of(
          DOCKER_SCALE,
          DOCKER_RESTART,
          K8S_DELETE_POD,
          K8S_ROLLOUT_RESTART,
          K8S_SCALE,
          K8S_CORDON,
          K8S_UNCORDON,
          K8S_DRAIN,
          K8S_PATCH_RESOURCES);

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  private ActionCatalog() {}

  public static boolean isKnown(String action) {
    return KNOWN.contains(action);
  }
}
