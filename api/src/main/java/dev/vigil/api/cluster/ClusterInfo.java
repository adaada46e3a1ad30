package dev.vigil.api.cluster;

import dev.vigil.api.fleet.FleetRepository.ClusterCount;
import dev.vigil.workflows.policy.ActionParameters;
import java.time.Instant;
import java.util.List;

/**
 * What a dashboard shows about this Vigil: its version, the clusters it has seen, the policies it
 * loaded, where its workflows run, how its dependencies are, and the operator actions it offers.
 */
public record ClusterInfo(
    String version,
    List<ClusterCount> clusters,
    List<String> policies,
    String temporalNamespace,
    String temporalTaskQueue,
    List<Dependency> dependencies,
    List<ActionParameters.Spec> actions) {

  /** One dependency as the readiness probe last saw it. */
  public record Dependency(String name, boolean up, Instant since, String error) {}
}
