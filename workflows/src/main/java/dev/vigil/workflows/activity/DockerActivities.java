package dev.vigil.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Docker actions (docker-java). A service is the set of containers labelled {@code
 * vigil.service=<name>}; the resource's {@code name} is the service name.
 */
@ActivityInterface
public interface DockerActivities {

  /**
   * {@code docker.scale}: bring the service to {@code params.replicas} replicas, creating missing
   * ones from the service's template and removing the newest on scale-down, then wait for readiness
   * while heartbeating. A retried call converges on N, never N+1.
   */
  @ActivityMethod
  ActionResult scaleService(ActionRequest request);

  /** {@code docker.restart}: restart the service's containers (or {@code params.container}). */
  @ActivityMethod
  ActionResult restartContainer(ActionRequest request);
}
