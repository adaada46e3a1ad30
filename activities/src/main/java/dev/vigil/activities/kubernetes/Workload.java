package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A Deployment or a StatefulSet seen through what the actions need: replicas, pod template, and the
 * annotations by which Vigil recognises its own earlier attempt.
 */
record Workload(Target target, HasMetadata object) {
  /** Idempotency key of the last Vigil action that changed this workload. */
  static final String ACTION_KEY_ANNOTATION = "vigil.dev/action-key";

  /** Summary of that action, returned again when a retry finds it already done. */
  static final String ACTION_SUMMARY_ANNOTATION = "vigil.dev/action-summary";

  int replicas() {
    Integer replicas =
        switch (object) {
          case Deployment d -> d.getSpec().getReplicas();
          case StatefulSet s -> s.getSpec().getReplicas();
          default -> throw unexpected();
        };
    return replicas == null ? 1 : replicas;
  }

  void setReplicas(int replicas) {
    switch (object) {
      case Deployment d -> d.getSpec().setReplicas(replicas);
      case StatefulSet s -> s.getSpec().setReplicas(replicas);
      default -> throw unexpected();
    }
  }

  PodTemplateSpec template() {
    return switch (object) {
      case Deployment d -> d.getSpec().getTemplate();
      case StatefulSet s -> s.getSpec().getTemplate();
      default -> throw unexpected();
    };
  }

  /** True when the action with this idempotency key already changed the workload. */
  boolean changedBy(String actionKey) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && actionKey.equals(annotations.get(ACTION_KEY_ANNOTATION));
  }

  String recordedSummary() {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ACTION_SUMMARY_ANNOTATION);
  }

  /** Marks the workload as changed by this action, in the same update as the change. */
  void markChangedBy(String actionKey, String summary) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    Map<String, String> updated =
        annotations == null ? new HashMap<>() : new HashMap<>(annotations);
    updated.put(ACTION_KEY_ANNOTATION, actionKey);
    updated.put(ACTION_SUMMARY_ANNOTATION, summary);
    object.getMetadata().setAnnotations(updated);
  }

  private IllegalStateException unexpected() {
    return new IllegalStateException("not a workload: " + object.getKind());
  }
}
