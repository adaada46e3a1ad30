package dev.vigil.activities.docker;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code docker.restart}: restarts the service's containers one at a time, each one ready before
 * the next goes down (or only {@code params.container}, by name or id).
 */
final class RestartStep implements DockerStep {
  private final DockerServices services;
  private final ReplicaReadiness readiness;
  private final String action;
  private final String service;
  private final String container;
  private final Duration timeout;
  private final Heartbeat heartbeat;

  RestartStep(
      DockerServices services,
      ReplicaReadiness readiness,
      String action,
      String service,
      String container,
      Duration timeout,
      Heartbeat heartbeat) {
    this.services = services;
    this.readiness = readiness;
    this.action = action;
    this.service = service;
    this.container = container == null || container.isBlank() ? null : container.trim();
    this.timeout = timeout;
    this.heartbeat = heartbeat;
  }

  @Override
  public String planUnseen() {
    return container != null
        ? "would restart container " + container + " of docker service " + service
        : "would restart docker service " + service;
  }

  @Override
  public String plan() {
    List<Replica> targets = targets();
    if (container != null) {
      return "would restart container " + targets.get(0).name() + " of docker service " + service;
    }
    return "would restart docker service "
        + service
        + " ("
        + targets.size()
        + " containers: "
        + names(targets)
        + ")";
  }

  @Override
  public ActionResult perform() {
    List<Replica> targets = targets();
    for (Replica r : targets) {
      heartbeat.beat("docker service " + service + ": restarting " + r.name());
      services.restart(r.id());
      readiness.await(service, List.of(r), timeout, heartbeat);
    }
    String summary =
        container != null
            ? "restarted container %s of docker service %s (ready)"
                .formatted(targets.get(0).name(), service)
            : "restarted docker service %s (%d containers, all ready)"
                .formatted(service, targets.size());
    return new ActionResult(
        action,
        ActionResult.Outcome.SUCCEEDED,
        summary,
        targets.stream().map(Replica::name).toList(),
        Map.of(
            "restarted", String.valueOf(targets.size()), "ready", String.valueOf(targets.size())));
  }

  private List<Replica> targets() {
    List<Replica> replicas = services.replicas(service);
    if (container == null) {
      if (replicas.isEmpty()) {
        throw ScaleStep.notFound(service);
      }
      return replicas;
    }
    List<Replica> matching =
        replicas.stream()
            .filter(r -> r.name().equals(container) || r.id().startsWith(container))
            .toList();
    if (matching.size() != 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no container '"
              + container
              + "' in docker service "
              + service
              + " (its containers: "
              + (replicas.isEmpty() ? "none" : names(replicas))
              + ")",
          ActionErrors.TARGET_NOT_FOUND);
    }
    return matching;
  }

  private static String names(List<Replica> replicas) {
    return String.join(", ", replicas.stream().map(Replica::name).toList());
  }
}
