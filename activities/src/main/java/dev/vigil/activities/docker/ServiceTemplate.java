package dev.vigil.activities.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every replica of a service is made from: taken from an existing replica ({@link
 * #fromReplica}) or from configuration ({@link #fromConfig}). Published ports are not carried (two
 * replicas would collide); replicas on host networking get distinct ports by the {@link
 * ServiceLabels} port convention instead.
 *
 * @param image image id or reference (a replica's template uses the image id, so new replicas run
 *     exactly what the existing ones run even if the tag moved)
 * @param cmd command, or null for the image's
 * @param entrypoint entrypoint, or null for the image's
 * @param env {@code KEY=value} entries
 * @param labels all labels, Traefik's included, without {@code vigil.slot}
 * @param healthcheck the HEALTHCHECK, or null for the image's
 * @param networkMode {@code host}, {@code bridge} or a network name
 * @param restartPolicy the restart policy, or null
 * @param binds bind mounts ({@code /host:/container[:ro]}), shared by all replicas
 * @param user user, or null
 * @param workingDir working directory, or null
 */
public record ServiceTemplate(
    String image,
    List<String> cmd,
    List<String> entrypoint,
    List<String> env,
    Map<String, String> labels,
    HealthCheck healthcheck,
    String networkMode,
    RestartPolicy restartPolicy,
    List<String> binds,
    String user,
    String workingDir) {

  public ServiceTemplate {
    env = env == null ? List.of() : List.copyOf(env);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    binds = binds == null ? List.of() : List.copyOf(binds);
  }

  public static ServiceTemplate fromReplica(InspectContainerResponse replica) {
    ContainerConfig config = replica.getConfig();
    HostConfig host = replica.getHostConfig();
    Map<String, String> labels = new LinkedHashMap<>();
    if (config.getLabels() != null) {
      labels.putAll(config.getLabels());
    }
    labels.remove(ServiceLabels.SLOT);
    List<String> binds = new ArrayList<>();
    if (host != null && host.getBinds() != null) {
      for (var bind : host.getBinds()) {
        binds.add(bind.toString());
      }
    }
    return new ServiceTemplate(
        replica.getImageId() != null ? replica.getImageId() : config.getImage(),
        config.getCmd() == null ? null : List.of(config.getCmd()),
        config.getEntrypoint() == null ? null : List.of(config.getEntrypoint()),
        config.getEnv() == null ? List.of() : List.of(config.getEnv()),
        labels,
        config.getHealthcheck(),
        host == null ? null : host.getNetworkMode(),
        host == null ? null : host.getRestartPolicy(),
        binds,
        blankToNull(config.getUser()),
        blankToNull(config.getWorkingDir()));
  }

  public static ServiceTemplate fromConfig(DockerServiceConfig config) {
    Map<String, String> labels = new LinkedHashMap<>(pairs(config.labels(), "label"));
    labels.put(ServiceLabels.SERVICE, config.name());
    if (config.port() != null) {
      labels.put(ServiceLabels.PORT, String.valueOf(config.port()));
    }
    if (config.probePath() != null) {
      labels.put(ServiceLabels.PROBE_PATH, config.probePath());
    }
    HealthCheck healthcheck = null;
    if (config.healthcheck() != null && !config.healthcheck().isEmpty()) {
      healthcheck =
          new HealthCheck()
              .withTest(config.healthcheck())
              .withInterval(nanos(config.healthInterval()))
              .withTimeout(nanos(config.healthTimeout()))
              .withRetries(config.healthRetries())
              .withStartPeriod(nanos(config.healthStartPeriod()));
    }
    return new ServiceTemplate(
        config.image(),
        config.command(),
        config.entrypoint(),
        config.env(),
        labels,
        healthcheck,
        config.networkMode(),
        null,
        List.of(),
        null,
        null);
  }

  /** Base port of the host-networking convention, or null when the service does not use it. */
  public Integer basePort() {
    String base = labels.get(ServiceLabels.PORT);
    return base == null ? null : Integer.valueOf(base.trim());
  }

  /** The replica port of a slot under the port convention, or null. */
  public Integer portOf(int slot) {
    Integer base = basePort();
    return base == null ? null : base + slot - 1;
  }

  public String portEnv() {
    return labels.getOrDefault(ServiceLabels.PORT_ENV, ServiceLabels.DEFAULT_PORT_ENV);
  }

  /** Labels of the replica in {@code slot}: the template's, its slot, its port where templated. */
  public Map<String, String> labelsFor(String service, int slot) {
    Map<String, String> out = new LinkedHashMap<>(labels);
    out.put(ServiceLabels.SERVICE, service);
    out.put(ServiceLabels.SLOT, String.valueOf(slot));
    Integer port = portOf(slot);
    if (port != null) {
      out.replaceAll(
          (key, value) ->
              key.endsWith(ServiceLabels.LOAD_BALANCER_PORT_SUFFIX) ? String.valueOf(port) : value);
    }
    return out;
  }

  /** Env of the replica in {@code slot}: the template's, with its port where templated. */
  public List<String> envFor(int slot) {
    Integer port = portOf(slot);
    if (port == null) {
      return env;
    }
    String prefix = portEnv() + "=";
    List<String> out = new ArrayList<>();
    for (String entry : env) {
      if (!entry.startsWith(prefix)) {
        out.add(entry);
      }
    }
    out.add(prefix + port);
    return out;
  }

  static Map<String, String> pairs(List<String> entries, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (entries != null) {
      for (String entry : entries) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(what + " '" + entry + "' is not key=value");
        }
        out.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return out;
  }

  private static Long nanos(Duration d) {
    return d == null ? null : d.toNanos();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
