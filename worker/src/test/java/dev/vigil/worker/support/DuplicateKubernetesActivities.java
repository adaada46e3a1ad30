package dev.vigil.worker.support;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.KubernetesActivities;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** A second KubernetesActivities bean beside the real one: the worker must refuse to start. */
@Singleton
@Requires(property = "test.activities.kubernetes", value = "duplicate")
public class DuplicateKubernetesActivities implements KubernetesActivities {
  @Override
  public ActionResult deletePod(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult rolloutRestart(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult cordonNode(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult uncordonNode(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult drainNode(ActionRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult patchResources(ActionRequest request) {
    throw new UnsupportedOperationException();
  }
}
