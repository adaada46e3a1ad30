package dev.vigil.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Kubernetes actions (fabric8 kubernetes-client), one activity type per verb. */
@ActivityInterface
public interface KubernetesActivities {

  /** {@code k8s.deletePod}: delete the pod so its controller recreates it. */
  @ActivityMethod
  ActionResult deletePod(ActionRequest request);

  /** {@code k8s.rolloutRestart}: restart the Deployment or StatefulSet owning the pod. */
  @ActivityMethod
  ActionResult rolloutRestart(ActionRequest request);

  /** {@code k8s.scale}: set a Deployment's or StatefulSet's replicas ({@code params.replicas}). */
  @ActivityMethod
  ActionResult scaleWorkload(ActionRequest request);

  /** {@code k8s.cordon}: mark the node unschedulable. */
  @ActivityMethod
  ActionResult cordonNode(ActionRequest request);

  /** {@code k8s.uncordon}: mark the node schedulable again. */
  @ActivityMethod
  ActionResult uncordonNode(ActionRequest request);

  /**
   * {@code k8s.drain}: cordon, then evict the node's pods through the Eviction API, respecting
   * PodDisruptionBudgets and skipping DaemonSet pods, within {@code params.timeout}.
   */
  @ActivityMethod
  ActionResult drainNode(ActionRequest request);

  /**
   * {@code k8s.patchResources}: multiply a container's memory/cpu requests and limits by {@code
   * params.memoryFactor} / {@code params.cpuFactor}, bounded by {@code params.memoryCeiling} /
   * {@code params.cpuCeiling}.
   */
  @ActivityMethod
  ActionResult patchResources(ActionRequest request);
}
