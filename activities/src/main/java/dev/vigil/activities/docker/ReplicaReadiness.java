package dev.vigil.activities.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.policy.Durations;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until replicas are ready, heartbeating on every poll. A replica is ready when it runs, its
 * Docker HEALTHCHECK (if it has one) says {@code healthy}, and its HTTP probe (if {@code
 * vigil.probe.path} is set) answers 2xx. A replica that exits fails the wait at once; one that is
 * still not ready at the deadline fails it with what was seen last.
 */
@Singleton
public class ReplicaReadiness {
  private static final int MAX_OUTPUT_CHARS = 200;

  private final DockerServices services;
  private final DockerConfig config;
  private final HttpClient http;

  public ReplicaReadiness(DockerServices services, DockerConfig config) {
    this.services = services;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.probeTimeout()).build();
  }

  /**
   * Returns when every replica is ready; throws a non-retryable {@code NotReady} failure naming the
   * replica, its last health status or probe error, and how long it was given.
   */
  public void await(String service, List<Replica> replicas, Duration timeout, Heartbeat heartbeat) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Map<String, Replica> pending = new LinkedHashMap<>();
    replicas.forEach(r -> pending.put(r.id(), r));
    Map<String, String> lastSeen = new LinkedHashMap<>();
    while (true) {
      for (Replica replica : new ArrayList<>(pending.values())) {
        Check check = check(replica);
        if (check.ready()) {
          pending.remove(replica.id());
          lastSeen.remove(replica.name());
        } else if (check.fatal()) {
          throw notReady(
              service, "after " + waited(started), replica.name() + ": " + check.reason());
        } else {
          lastSeen.put(replica.name(), check.reason());
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      heartbeat.beat(
          "docker service "
              + service
              + ": waiting for "
              + pending.size()
              + " of "
              + replicas.size()
              + " replicas: "
              + describe(lastSeen));
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw notReady(
            service,
            "within " + Durations.format(timeout) + " (waited " + waited(started) + ")",
            describe(lastSeen));
      }
      sleep(Math.min(remaining, config.readinessPoll().toNanos()));
    }
  }

  private static ApplicationFailure notReady(String service, String when, String reason) {
    return ApplicationFailure.newNonRetryableFailure(
        "docker service " + service + " not ready " + when + ": " + reason, ActionErrors.NOT_READY);
  }

  private static String waited(long startedNanos) {
    long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    return Durations.format(Duration.ofMillis(millis));
  }

  private Check check(Replica replica) {
    InspectContainerResponse c;
    try {
      c = services.inspect(replica.id());
    } catch (NotFoundException gone) {
      return Check.fatal("container is gone (removed while waiting)");
    }
    var state = c.getState();
    boolean running = Boolean.TRUE.equals(state.getRunning());
    boolean restarting = Boolean.TRUE.equals(state.getRestarting());
    if (!running && !restarting && !"created".equals(state.getStatus())) {
      return Check.fatal(
          "exited with code "
              + state.getExitCodeLong()
              + (state.getError() == null || state.getError().isBlank()
                  ? ""
                  : " (" + state.getError() + ")"));
    }
    if (!running || restarting) {
      return Check.waiting("container " + state.getStatus());
    }
    HealthState health = state.getHealth();
    if (health != null && !"healthy".equals(health.getStatus())) {
      return Check.waiting(describe(health));
    }
    String probe = probeUrl(c, replica);
    if (probe != null) {
      String error = probe(probe);
      if (error != null) {
        return Check.waiting("probe " + probe + ": " + error);
      }
    }
    return Check.READY;
  }

  private static String describe(HealthState health) {
    StringBuilder out = new StringBuilder("health " + health.getStatus());
    if (health.getFailingStreak() != null && health.getFailingStreak() > 0) {
      out.append(" (").append(health.getFailingStreak()).append(" failing checks)");
    }
    List<HealthStateLog> log = health.getLog();
    if (log != null && !log.isEmpty()) {
      HealthStateLog last = log.get(log.size() - 1);
      String output = last.getOutput() == null ? "" : last.getOutput().strip();
      if (output.length() > MAX_OUTPUT_CHARS) {
        output = output.substring(0, MAX_OUTPUT_CHARS) + "...";
      }
      out.append(", last check exit ").append(last.getExitCodeLong());
      if (!output.isEmpty()) {
        out.append(": ").append(output);
      }
    }
    return out.toString();
  }

  /** The probe URL of a replica, or null when it has no {@code vigil.probe.path}. */
  String probeUrl(InspectContainerResponse c, Replica replica) {
    Map<String, String> labels = c.getConfig().getLabels();
    String path = labels == null ? null : labels.get(ServiceLabels.PROBE_PATH);
    if (path == null || path.isBlank()) {
      return null;
    }
    Integer port = replicaPort(c, labels, replica.slot());
    if (port == null) {
      return null;
    }
    String host = config.probeHost();
    String mode = c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode();
    if (!"host".equals(mode) && c.getNetworkSettings() != null) {
      Map<String, ContainerNetwork> networks = c.getNetworkSettings().getNetworks();
      if (networks != null) {
        for (ContainerNetwork n : networks.values()) {
          if (n.getIpAddress() != null && !n.getIpAddress().isBlank()) {
            host = n.getIpAddress();
            break;
          }
        }
      }
    }
    return "http://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
  }

  /** The port env the replica was started with, else base + slot - 1, else vigil.probe.port. */
  private static Integer replicaPort(
      InspectContainerResponse c, Map<String, String> labels, int slot) {
    try {
      if (labels.containsKey(ServiceLabels.PORT)) {
        String prefix =
            labels.getOrDefault(ServiceLabels.PORT_ENV, ServiceLabels.DEFAULT_PORT_ENV) + "=";
        String[] env = c.getConfig().getEnv();
        if (env != null) {
          for (String entry : env) {
            if (entry.startsWith(prefix)) {
              return Integer.valueOf(entry.substring(prefix.length()).trim());
            }
          }
        }
        return Integer.parseInt(labels.get(ServiceLabels.PORT).trim()) + slot - 1;
      }
      String port = labels.get(ServiceLabels.PROBE_PORT);
      return port == null ? null : Integer.valueOf(port.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Null when the probe answered 2xx, else what went wrong. */
  private String probe(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(config.probeTimeout()).GET().build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300 ? null : "answered HTTP " + status;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while probing " + url, "Interrupted");
    }
  }

  private static String describe(Map<String, String> lastSeen) {
    List<String> parts = new ArrayList<>();
    lastSeen.forEach((name, reason) -> parts.add(name + ": " + reason));
    return String.join("; ", parts);
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for readiness", "Interrupted");
    }
  }

  private record Check(boolean ready, boolean fatal, String reason) {
    static final Check READY = new Check(true, false, null);

    static Check waiting(String reason) {
      return new Check(false, false, reason);
    }

    static Check fatal(String reason) {
      return new Check(false, true, reason);
    }
  }
}
