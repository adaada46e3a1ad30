package dev.vigil.api.cluster;

import dev.vigil.api.Caller;
import dev.vigil.api.action.ActionService;
import dev.vigil.api.fleet.FleetService;
import dev.vigil.platform.health.DependencyProbe;
import dev.vigil.platform.temporal.TemporalConfig;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import reactor.core.publisher.Mono;

/**
 * {@link ClusterInfo} from what the service already knows: the build's version, PostgreSQL's
 * clusters, the loaded policies, the Temporal settings and the readiness probes' last results (read
 * from memory, never a new check).
 */
@Singleton
public class ClusterInfoService {
  static final String VERSION_RESOURCE = "vigil/version.properties";
  private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

  private final FleetService fleet;
  private final PolicyMatcher policies;
  private final TemporalConfig temporal;
  private final List<DependencyProbe> probes;
  private final ActionService actions;
  private final String version;

  public ClusterInfoService(
      FleetService fleet,
      PolicyMatcher policies,
      TemporalConfig temporal,
      List<DependencyProbe> probes,
      ActionService actions) {
    this.fleet = fleet;
    this.policies = policies;
    this.temporal = temporal;
    this.probes = probes;
    this.actions = actions;
    this.version = readVersion();
  }

  /** Vigil's own facts, with the clusters {@code caller} sees. */
  public ClusterInfo info(Caller caller) {
    return new ClusterInfo(
        version,
        fleet.clusters(caller),
        policies.policies().stream().map(Policy::name).toList(),
        temporal.namespace(),
        temporal.taskQueue(),
        probes.stream().map(ClusterInfoService::dependency).toList(),
        actions.catalog());
  }

  private static ClusterInfo.Dependency dependency(DependencyProbe probe) {
    HealthResult result = Mono.from(probe.getResult()).block(PROBE_WAIT);
    if (result == null) {
      return new ClusterInfo.Dependency(probe.name(), false, null, "no result");
    }
    Map<?, ?> details = result.getDetails() instanceof Map<?, ?> m ? m : Map.of();
    Object since = details.get("since");
    Object error = details.get("error");
    return new ClusterInfo.Dependency(
        probe.name(),
        HealthStatus.UP.equals(result.getStatus()),
        since == null ? null : Instant.parse(since.toString()),
        error == null ? null : error.toString());
  }

  static String readVersion() {
    try (InputStream in =
        ClusterInfoService.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
