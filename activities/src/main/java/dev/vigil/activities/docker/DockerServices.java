package dev.vigil.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.vigil.workflows.activity.ActionErrors;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker-level operations on a service (the containers labelled {@code vigil.service=<name>}): list
 * its replicas with their slots, find its template, create, start, stop and remove replicas. Every
 * method converges: creating a slot that already exists adopts it, removing a gone container is a
 * no-op.
 */
@Singleton
public class DockerServices {
  private final DockerClient docker;
  private final DockerConfig config;
  private final List<DockerServiceConfig> configured;

  public DockerServices(
      DockerClient docker, DockerConfig config, List<DockerServiceConfig> configured) {
    this.docker = docker;
    this.config = config;
    this.configured = List.copyOf(configured);
  }

  /** The service's replicas ordered by slot. */
  public List<Replica> replicas(String service) {
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(ServiceLabels.SERVICE, service))
            .exec();
    List<Replica> slotted = new ArrayList<>();
    List<Container> unslotted = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (Container c : containers) {
      Integer slot = parseSlot(c.getLabels());
      if (slot == null || !used.add(slot)) {
        unslotted.add(c);
      } else {
        slotted.add(replica(c, slot));
      }
    }
    unslotted.sort(Comparator.comparing(Container::getCreated).thenComparing(Container::getId));
    for (Container c : unslotted) {
      Integer slot = slotFromPort(c);
      if (slot == null || used.contains(slot)) {
        slot = lowestFree(used);
      }
      used.add(slot);
      slotted.add(replica(c, slot));
    }
    slotted.sort(Comparator.comparingInt(Replica::slot));
    return slotted;
  }

  /** The configured template of a service, if any ({@code vigil.docker.services}). */
  public Optional<ServiceTemplate> configuredTemplate(String service) {
    return configured.stream()
        .filter(c -> service.equals(c.name()))
        .findFirst()
        .map(ServiceTemplate::fromConfig);
  }

  /**
   * The template new replicas are made from: an existing replica's (running ones first, lowest slot
   * first), else the configured one.
   */
  public Optional<ServiceTemplate> template(String service, List<Replica> replicas) {
    List<Replica> candidates = new ArrayList<>(replicas);
    candidates.sort(
        Comparator.comparing((Replica r) -> !r.running()).thenComparingInt(Replica::slot));
    for (Replica r : candidates) {
      try {
        return Optional.of(ServiceTemplate.fromReplica(docker.inspectContainerCmd(r.id()).exec()));
      } catch (NotFoundException removedMeanwhile) {
        // try the next one
      }
    }
    return configuredTemplate(service);
  }

  public InspectContainerResponse inspect(String idOrName) {
    return docker.inspectContainerCmd(idOrName).exec();
  }

  /**
   * Creates and starts the replica of {@code slot}, named {@code <service>-<slot>}. When that name
   * already exists (an earlier try made it) the existing container is adopted and started.
   */
  public Replica createReplica(String service, ServiceTemplate template, int slot) {
    String name = service + "-" + slot;
    String id;
    try {
      id = create(service, template, slot, name);
    } catch (ConflictException exists) {
      InspectContainerResponse existing = docker.inspectContainerCmd(name).exec();
      Map<String, String> labels = existing.getConfig().getLabels();
      if (labels == null || !service.equals(labels.get(ServiceLabels.SERVICE))) {
        throw ApplicationFailure.newNonRetryableFailure(
            "container name "
                + name
                + " is taken by a container outside docker service "
                + service
                + ": rename or remove it",
            ActionErrors.INVALID_PARAMS);
      }
      id = existing.getId();
    }
    start(id);
    return new Replica(id, name, slot, System.currentTimeMillis() / 1000, "running");
  }

  public void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // converged
    }
  }

  /** Stops (gracefully, within the stop timeout) and removes; a gone container is fine. */
  public void remove(Replica replica) {
    try {
      docker
          .stopContainerCmd(replica.id())
          .withTimeout((int) config.stopTimeout().toSeconds())
          .exec();
    } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
      // converged
    }
    try {
      docker.removeContainerCmd(replica.id()).withForce(true).exec();
    } catch (NotFoundException gone) {
      // converged
    }
  }

  public void restart(String id) {
    docker.restartContainerCmd(id).withTimeout((int) config.stopTimeout().toSeconds()).exec();
  }

  private String create(String service, ServiceTemplate template, int slot, String name) {
    HostConfig host = HostConfig.newHostConfig();
    if (template.networkMode() != null) {
      host.withNetworkMode(template.networkMode());
    }
    if (template.restartPolicy() != null) {
      host.withRestartPolicy(template.restartPolicy());
    }
    if (!template.binds().isEmpty()) {
      host.withBinds(template.binds().stream().map(Bind::parse).toList());
    }
    CreateContainerCmd cmd =
        docker
            .createContainerCmd(template.image())
            .withName(name)
            .withLabels(template.labelsFor(service, slot))
            .withEnv(template.envFor(slot))
            .withHostConfig(host);
    if (template.cmd() != null) {
      cmd.withCmd(template.cmd());
    }
    if (template.entrypoint() != null) {
      cmd.withEntrypoint(template.entrypoint());
    }
    if (template.healthcheck() != null) {
      cmd.withHealthcheck(template.healthcheck());
    }
    if (template.user() != null) {
      cmd.withUser(template.user());
    }
    if (template.workingDir() != null) {
      cmd.withWorkingDir(template.workingDir());
    }
    return cmd.exec().getId();
  }

  private static Replica replica(Container c, int slot) {
    String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : c.getId();
    if (name.startsWith("/")) {
      name = name.substring(1);
    }
    return new Replica(c.getId(), name, slot, c.getCreated(), c.getState());
  }

  private static Integer parseSlot(Map<String, String> labels) {
    String slot = labels == null ? null : labels.get(ServiceLabels.SLOT);
    if (slot == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(slot.trim());
      return value >= 1 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An unslotted replica under the port convention sits in the slot its port implies. */
  private Integer slotFromPort(Container c) {
    Map<String, String> labels = c.getLabels();
    if (labels == null || !labels.containsKey(ServiceLabels.PORT)) {
      return null;
    }
    try {
      int base = Integer.parseInt(labels.get(ServiceLabels.PORT).trim());
      String prefix =
          labels.getOrDefault(ServiceLabels.PORT_ENV, ServiceLabels.DEFAULT_PORT_ENV) + "=";
      String[] env = docker.inspectContainerCmd(c.getId()).exec().getConfig().getEnv();
      if (env != null) {
        for (String entry : env) {
          if (entry.startsWith(prefix)) {
            int slot = Integer.parseInt(entry.substring(prefix.length()).trim()) - base + 1;
            return slot >= 1 ? slot : null;
          }
        }
      }
    } catch (NumberFormatException | NotFoundException e) {
      return null;
    }
    return null;
  }

  static int lowestFree(Set<Integer> used) {
    int slot = 1;
    while (used.contains(slot)) {
      slot++;
    }
    return slot;
  }
}
