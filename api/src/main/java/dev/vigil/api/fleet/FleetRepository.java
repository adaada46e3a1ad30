package dev.vigil.api.fleet;

import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.api.tenancy.Visibility;
import dev.vigil.store.Sql;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.Phase;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
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
      "select health_state, count(*) from resource_state where %s group by health_state";

  /** Uses the partial index {@code resource_state_phase_idx} (phase is not null). */
  static final String BY_PHASE =
      "select phase, count(*) from resource_state where phase is not null and %s group by phase";

  /**
   * Resources per cluster; {@code resource_state_cluster_id_idx (cluster, id)} serves it as an
   * index-only scan.
   */
  static final String BY_CLUSTER =
      "select cluster, count(*) from resource_state where %s group by cluster order by cluster";

  /** A cluster Vigil has seen resources of, with how many. */
  public record ClusterCount(String cluster, long resources) {}

  private final JdbcOperations jdbc;
  private final Tenancy tenancy;

  public FleetRepository(JdbcOperations jdbc, Tenancy tenancy) {
    this.jdbc = jdbc;
    this.tenancy = tenancy;
  }

  /** The clusters of the resources {@code visibility} sees, with how many of them. */
  public List<ClusterCount> clusters(Visibility visibility) {
    List<Object> params = new ArrayList<>();
    String visible = tenancy.visibleSql(visibility, "", params);
    return jdbc.prepareStatement(
        BY_CLUSTER.formatted(visible),
        ps -> {
          Sql.bind(ps, params);
          List<ClusterCount> clusters = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              clusters.add(new ClusterCount(rs.getString(1), rs.getLong(2)));
            }
          }
          return clusters;
        });
  }

  /** Counts of the resources {@code visibility} sees ({@link Visibility#ALL}: the whole fleet). */
  public FleetCounts counts(Visibility visibility) {
    List<Object> params = new ArrayList<>();
    String visible = tenancy.visibleSql(visibility, "", params);
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
          try (PreparedStatement ps = c.prepareStatement(BY_HEALTH.formatted(visible))) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byHealth.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement(BY_PHASE.formatted(visible))) {
            Sql.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
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
