package dev.vigil.activities.kubernetes;

import dev.vigil.activities.kubernetes.Quantities.Resource;
import dev.vigil.activities.kubernetes.ResourcesPatch.Scaling;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code k8s.patchResources}: multiplies one container's memory and/or cpu requests and limits by
 * {@code params.memoryFactor} / {@code params.cpuFactor}, capped at a ceiling (the rung's {@code
 * memoryCeiling} / {@code cpuCeiling}, else {@code vigil.kubernetes.*-ceiling}). A container
 * already at the ceiling is {@code BlockedByPolicy}: multiplying again would change nothing.
 */
final class PatchResourcesStep extends WorkloadStep {
  private final KubernetesConfig config;

  PatchResourcesStep(TargetResolver targets, Workloads workloads, KubernetesConfig config) {
    super(targets, workloads);
    this.config = config;
  }

  @Override
  String preview(ActionRequest request, Workload workload) {
    ResourcesPatch patch = resourcesPatch(request, workload);
    return patch.changesAnything()
        ? "would patch " + workload.target().describe() + " " + patch.describe()
        : workload.target().describe() + " " + patch.describe() + ": nothing to change";
  }

  @Override
  ActionResult change(ActionRequest request, String action, Workload current, String key) {
    Target target = current.target();
    ResourcesPatch patch = resourcesPatch(request, current);
    if (!patch.changesAnything()) {
      return result(
          action,
          Outcome.UNCHANGED,
          target.describe() + " " + patch.describe() + ": nothing to change",
          target,
          patch.details());
    }
    String summary = "patched " + target.describe() + " " + patch.describe();
    editStamped(target, key, summary, w -> patch.applyTo(container(w, patch.container())));
    return result(action, Outcome.SUCCEEDED, summary, target, patch.details());
  }

  private ResourcesPatch resourcesPatch(ActionRequest request, Workload workload) {
    ActionParams params = new ActionParams(request);
    Optional<BigDecimal> memoryFactor = params.factor("memoryFactor");
    Optional<BigDecimal> cpuFactor = params.factor("cpuFactor");
    if (memoryFactor.isEmpty() && cpuFactor.isEmpty()) {
      throw KubernetesFailures.invalidParams(
          "k8s.patchResources needs memoryFactor and/or cpuFactor");
    }
    List<Scaling> scalings = new ArrayList<>();
    memoryFactor.ifPresent(
        factor ->
            scalings.add(
                new Scaling(
                    Resource.MEMORY,
                    factor,
                    ceiling(
                        params,
                        "memoryCeiling",
                        "vigil.kubernetes.memory-ceiling",
                        config.memoryCeiling()))));
    cpuFactor.ifPresent(
        factor ->
            scalings.add(
                new Scaling(
                    Resource.CPU,
                    factor,
                    ceiling(
                        params,
                        "cpuCeiling",
                        "vigil.kubernetes.cpu-ceiling",
                        config.cpuCeiling()))));
    Container container = container(workload, params.text("container").orElse(null));
    ResourcesPatch patch = ResourcesPatch.compute(container, scalings);
    if (patch.isEmpty()) {
      throw KubernetesFailures.invalidParams(
          "container "
              + container.getName()
              + " of "
              + workload.target().describe()
              + " sets no "
              + scalings.stream().map(s -> s.resource().key()).collect(Collectors.joining("/"))
              + " requests or limits to multiply");
    }
    if (patch.blockedByCeiling()) {
      throw KubernetesFailures.blockedByPolicy(
          workload.target().describe() + " " + patch.describe() + ": already at the ceiling");
    }
    return patch;
  }

  /** The rung's ceiling parameter, else the configured one (read only when the rung has none). */
  private static Quantity ceiling(
      ActionParams params, String param, String property, String configured) {
    return params.quantity(param).orElseGet(() -> ActionParams.quantity(property, configured));
  }

  /** The named container of the workload's pod template, or its first when name is null. */
  private static Container container(Workload workload, String name) {
    List<Container> containers = workload.template().getSpec().getContainers();
    if (containers == null || containers.isEmpty()) {
      throw KubernetesFailures.invalidParams(workload.target().describe() + " has no containers");
    }
    if (name == null) {
      return containers.get(0);
    }
    return containers.stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                KubernetesFailures.invalidParams(
                    "no container "
                        + name
                        + " in "
                        + workload.target().describe()
                        + " (containers: "
                        + containers.stream()
                            .map(Container::getName)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }
}
