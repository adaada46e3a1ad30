package dev.vigil.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.state.ResourceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The part of {@code resource_state} the storm guard reads ({@code LeaseActivitiesImpl} counts a
 * scope's resources and its Unhealthy ones by type, cluster, namespace, component and labels),
 * written at the virtual time the fold produced it, so a lease decided at 03:00 sees the fleet as
 * it was at 03:00. The rest of the row stays in {@link Fleet}'s memory.
 */
final class ResourceRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Relies on resource_state_pkey (ON CONFLICT (id)). */
  static final String UPSERT =
      """
      insert into resource_state (id, type, cluster, namespace, name, component, health_state, labels)
      values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      on conflict (id) do update
         set type = excluded.type, cluster = excluded.cluster, namespace = excluded.namespace,
             component = excluded.component, health_state = excluded.health_state,
             labels = excluded.labels, updated_at = now()
      """;

  private final DataSource dataSource;

  ResourceRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void write(List<ResourceState> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPSERT)) {
      for (ResourceState row : rows) {
        ps.setString(1, row.id());
        ps.setString(2, row.type());
        ps.setString(3, row.cluster());
        ps.setString(4, row.namespace());
        ps.setString(5, row.name());
        ps.setString(6, row.component());
        ps.setString(7, row.health().name());
        ps.setString(8, JSON.writeValueAsString(row.labels()));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot write resource_state rows: " + e.getMessage(), e);
    }
  }
}
