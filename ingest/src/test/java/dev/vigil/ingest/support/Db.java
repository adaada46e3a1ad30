package dev.vigil.ingest.support;

import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.StateColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Plain JDBC reads for assertions, outside the application under test. */
public final class Db {
  private final DataSource dataSource;

  public Db(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= columns; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public Map<String, Object> row(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    return rows.isEmpty() ? null : rows.get(0);
  }

  public long count(String sql, Object... args) {
    Map<String, Object> row = row(sql, args);
    return ((Number) row.values().iterator().next()).longValue();
  }

  public int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The health_state of a resource, or null when it has no row. */
  public String health(String resourceId) {
    Map<String, Object> row =
        row("select health_state from resource_state where id = ?", resourceId);
    return row == null ? null : (String) row.get("health_state");
  }

  /**
   * The resource's active signals as the API reads them (the column's text through store's mapper),
   * so an assertion does not depend on how PostgreSQL prints the column.
   */
  public List<ActiveSignal> activeSignals(String resourceId) {
    Map<String, Object> row =
        row("select active_signals::text as s from resource_state where id = ?", resourceId);
    return row == null ? List.of() : StateColumns.activeSignals((String) row.get("s"));
  }

  public long outboxRows(String resourceId) {
    return count(
        "select count(*) from outbox where kind = 'observation' and aggregate_id = ?", resourceId);
  }

  public long undeliveredOutbox() {
    return count("select count(*) from outbox where kind = 'observation' and delivered_at is null");
  }
}
