package dev.vigil.workflows.activity;

/**
 * Docker and Kubernetes activities for implementations that treat every action alike: each activity
 * method hands its name and request to {@link #perform}. The benchmark's instant success and the
 * tests' doubles are such implementations; with this class a new action in the catalog is one
 * method here, not one in each of them.
 */
public abstract class UniformActions implements DockerActivities, KubernetesActivities {

  /**
   * Performs (or pretends to perform) the action.
   *
   * @param activity the activity method's name ({@code scaleService}, {@code drainNode}, ...)
   */
  protected abstract ActionResult perform(String activity, ActionRequest request);

  @Override
  public ActionResult scaleService(ActionRequest request) {
    return perform("scaleService", request);
  }

  @Override
  public ActionResult restartContainer(ActionRequest request) {
    return perform("restartContainer", request);
  }

  @Override
  public ActionResult deletePod(ActionRequest request) {
    return perform("deletePod", request);
  }

  @Override
  public ActionResult rolloutRestart(ActionRequest request) {
    return perform("rolloutRestart", request);
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    return perform("scaleWorkload", request);
  }

  @Override
  public ActionResult cordonNode(ActionRequest request) {
    return perform("cordonNode", request);
  }

  @Override
  public ActionResult uncordonNode(ActionRequest request) {
    return perform("uncordonNode", request);
  }

  @Override
  public ActionResult drainNode(ActionRequest request) {
    return perform("drainNode", request);
  }

  @Override
  public ActionResult patchResources(ActionRequest request) {
    return perform("patchResources", request);
  }
}
