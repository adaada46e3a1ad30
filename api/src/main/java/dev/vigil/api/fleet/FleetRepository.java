package dev.vigil.api.fleet;

import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.Phase;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fleet counts. Every health state and phase is present (zero when none), so dashboards and gauges
 * see stable series.
 */
@Singleton
@Connectable(readOnly = true)
public class FleetRepository {
  /** A full scan of the narrow index {@code resource_state_health_id_idx} (index-only). */
  static final String BY_HEALTH =
      "select health_state, count(*) from resource_state group by health_state";

  /** Uses the partial index {@code resource_state_phase_idx} (phase is not null). */
  static final String BY_PHASE =
      "select phase, count(*) from resource_state where phase is not null group by phase";

  /**
   * Resources per cluster; {@code resource_state_cluster_id_idx (cluster, id)} serves it as an
   * index-only scan.
   */
  static final String BY_CLUSTER =
      "select cluster, count(*) from resource_state group by cluster order by cluster";

  /** A cluster Vigil has seen resources of, with how many. */
  public record ClusterCount(String cluster, long resources) {}

  private final JdbcOperations jdbc;

  public FleetRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public List<ClusterCount> clusters() {
    return jdbc.prepareStatement(
        BY_CLUSTER,
        ps -> {
          List<ClusterCount> clusters = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              clusters.add(new ClusterCount(rs.getString(1), rs.getLong(2)));
            }
          }
          return clusters;
        });
  }

  public FleetCounts counts() {
    Map<String, Long> byHealth = new LinkedHashMap<>();
    for (HealthState h : HealthState.values()) {
      byHealth.put(h.name(), 0L);
    }
    Map<String, Long> byPhase = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      byPhase.put(p.name(), 0L);
    }
    jdbc.execute(
        c -> {
          try (var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(BY_HEALTH)) {
              while (rs.next()) {
                byHealth.put(rs.getString(1), rs.getLong(2));
              }
            }
            try (ResultSet rs = s.executeQuery(BY_PHASE)) {
              while (rs.next()) {
                byPhase.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          return null;
        });
    return new FleetCounts(byHealth, byPhase);
  }
}
