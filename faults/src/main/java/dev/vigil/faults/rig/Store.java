package dev.vigil.faults.rig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's read-only view of Vigil's PostgreSQL: a fresh connection per question, so it works
 * across the server's restarts.
 */
public final class Store {
  private final PostgresServer postgres;

  Store(PostgresServer postgres) {
    this.postgres = postgres;
  }

  public long count(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    return ((Number) rows.getFirst().values().iterator().next()).longValue();
  }

  public List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setQueryTimeout(30);
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int col = 1; col <= meta.getColumnCount(); col++) {
            row.put(meta.getColumnLabel(col), rs.getObject(col));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Row counts of the tables a request could write, for "nothing was written". */
  public Map<String, Long> tableCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        List.of(
            "resource_state",
            "ingest_offset",
            "outbox",
            "incident",
            "incident_event",
            "action_execution",
            "remediation_lease")) {
      counts.put(table, count("select count(*) from " + table));
    }
    return counts;
  }
}
