package dev.vigil.activities.docker;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker.scale} of one service to N replicas. Converges: it counts what exists, removes the
 * newest (highest slot) above N, starts stopped ones it keeps, creates the missing slots (a slot an
 * earlier try already created is adopted, not doubled), then waits until all N are ready.
 */
final class ScaleStep implements DockerStep {
  private final DockerServices services;
  private final ReplicaReadiness readiness;
  private final String action;
  private final String service;
  private final int desired;
  private final Duration timeout;
  private final Heartbeat heartbeat;

  ScaleStep(
      DockerServices services,
      ReplicaReadiness readiness,
      String action,
      String service,
      int desired,
      Duration timeout,
      Heartbeat heartbeat) {
    this.services = services;
    this.readiness = readiness;
    this.action = action;
    this.service = service;
    this.desired = desired;
    this.timeout = timeout;
    this.heartbeat = heartbeat;
  }

  @Override
  public String planUnseen() {
    return "would scale docker service " + service + " to " + desired + " replicas";
  }

  @Override
  public String plan() {
    List<Replica> replicas = existing();
    if (replicas.size() == desired) {
      return "would leave docker service "
          + service
          + " at "
          + desired
          + " replicas (already there)";
    }
    return "would scale docker service "
        + service
        + " from "
        + replicas.size()
        + " to "
        + desired
        + " replicas";
  }

  @Override
  public ActionResult perform() {
    List<Replica> replicas = existing();
    int previous = replicas.size();
    List<Replica> keep = new ArrayList<>(replicas);
    List<String> removed = new ArrayList<>();
    if (previous > desired) {
      List<Replica> newestFirst = new ArrayList<>(replicas);
      newestFirst.sort(
          Comparator.comparingInt(Replica::slot).thenComparingLong(Replica::created).reversed());
      for (Replica r : newestFirst.subList(0, previous - desired)) {
        heartbeat.beat("docker service " + service + ": removing " + r.name());
        services.remove(r);
        keep.remove(r);
        removed.add(r.name());
      }
    }
    List<String> started = new ArrayList<>();
    for (Replica r : keep) {
      if (!r.running()) {
        services.start(r.id());
        started.add(r.name());
      }
    }
    List<String> created = new ArrayList<>();
    if (keep.size() < desired) {
      ServiceTemplate template =
          services.template(service, keep).orElseThrow(() -> notFound(service));
      Set<Integer> used = new HashSet<>();
      keep.forEach(r -> used.add(r.slot()));
      while (keep.size() < desired) {
        int slot = DockerServices.lowestFree(used);
        used.add(slot);
        heartbeat.beat("docker service " + service + ": creating " + service + "-" + slot);
        Replica replica = services.createReplica(service, template, slot);
        keep.add(replica);
        created.add(replica.name());
      }
    }
    keep.sort(Comparator.comparingInt(Replica::slot));
    readiness.await(service, keep, timeout, heartbeat);

    boolean changed = !removed.isEmpty() || !created.isEmpty() || !started.isEmpty();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("previous", String.valueOf(previous));
    details.put("desired", String.valueOf(desired));
    details.put("ready", String.valueOf(keep.size()));
    putIfAny(details, "created", created);
    putIfAny(details, "removed", removed);
    putIfAny(details, "started", started);
    String summary =
        changed
            ? "scaled docker service %s %d -> %d (%d ready)"
                .formatted(service, previous, desired, keep.size())
            : "docker service %s already at %d replicas (%d ready)"
                .formatted(service, desired, keep.size());
    return new ActionResult(
        action,
        changed ? ActionResult.Outcome.SUCCEEDED : ActionResult.Outcome.UNCHANGED,
        summary,
        keep.stream().map(Replica::name).toList(),
        details);
  }

  private List<Replica> existing() {
    List<Replica> replicas = services.replicas(service);
    if (replicas.isEmpty() && services.configuredTemplate(service).isEmpty()) {
      throw notFound(service);
    }
    return replicas;
  }

  static ApplicationFailure notFound(String service) {
    return ApplicationFailure.newNonRetryableFailure(
        "no docker service '"
            + service
            + "': no container is labelled "
            + ServiceLabels.SERVICE
            + "="
            + service
            + " and vigil.docker.services has no template for it",
        ActionErrors.TARGET_NOT_FOUND);
  }

  private static void putIfAny(Map<String, String> details, String key, List<String> names) {
    if (!names.isEmpty()) {
      details.put(key, String.join(",", names));
    }
  }
}
