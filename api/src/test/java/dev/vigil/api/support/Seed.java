package dev.vigil.api.support;

import dev.vigil.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows as the other modules write them (store schema V1), inserted with plain SQL. */
public final class Seed {
  private final TestPostgres.Database db;

  public Seed(TestPostgres.Database db) {
    this.db = db;
  }

  public void sql(String sql, Object... params) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (var rs = ps.executeQuery()) {
        var md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new java.util.LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A resource without a remediation. */
  public void resource(
      String id, String type, String cluster, String namespace, String health, String signals) {
    sql(
        "insert into resource_state (id, type, cluster, namespace, name, health_state,"
            + " active_signals, last_event_timestamp) values (?, ?, ?, ?, ?, ?, cast(? as json), ?)",
        id,
        type,
        cluster,
        namespace,
        id.substring(id.lastIndexOf('/') + 1),
        health,
        signals,
        Instant.parse("2026-01-08T10:00:00Z"));
  }

  /** The mitigation columns, as IncidentActivities.recordPhase writes them. */
  public void mitigation(
      String id, String phase, int attempts, String lastAction, String incidentId) {
    sql(
        "update resource_state set phase = ?, attempt_count = ?, last_action = ?, workflow_id = ?,"
            + " incident_id = ? where id = ?",
        phase,
        attempts,
        lastAction,
        "remediation:" + id,
        incidentId,
        id);
  }

  public void incident(
      String id, String resourceId, String status, String severity, Instant openedAt) {
    sql(
        "insert into incident (id, resource_id, resource_type, cluster, workflow_id, policy, status,"
            + " severity, summary, phase, attempts, opened_at, updated_at)"
            + " values (?, ?, 'k8s/Pod', 'prod', ?, 'crashloop-pod', ?, ?, ?, 'MITIGATING', 1, ?, ?)",
        id,
        resourceId,
        "remediation:" + resourceId,
        status,
        severity,
        "CrashLoopBackOff on " + resourceId,
        openedAt,
        openedAt);
  }

  public void timeline(String incidentId, long seq, String kind, String message, String details) {
    sql(
        "insert into incident_event (incident_id, seq, at, kind, phase, message, actor, details)"
            + " values (?, ?, ?, ?, 'MITIGATING', ?, 'vigil', cast(? as jsonb))",
        incidentId,
        seq,
        Instant.parse("2026-01-08T10:00:00Z").plusSeconds(seq),
        kind,
        message,
        details);
  }

  public void action(
      String incidentId, String resourceId, int rung, String action, String outcome) {
    sql(
        "insert into action_execution (idempotency_key, incident_id, workflow_id, resource_id, rung,"
            + " attempt, kind, action, params, dry_run, outcome, summary, started_at, finished_at)"
            + " values (?, ?, ?, ?, ?, 1, 'ACTION', ?, cast('{\"replicas\":\"2\"}' as jsonb), false, ?,"
            + " 'did it', ?, ?)",
        "remediation:" + resourceId + ":" + rung + ":1",
        incidentId,
        "remediation:" + resourceId,
        resourceId,
        rung,
        action,
        outcome,
        Instant.parse("2026-01-08T10:01:00Z").plusSeconds(rung),
        Instant.parse("2026-01-08T10:02:00Z").plusSeconds(rung));
  }

  /** An outbox row as ingest (observation) or the incident activities (incident) write it. */
  public void outbox(String kind, String aggregateId, String eventType, String payload) {
    sql(
        "insert into outbox (kind, aggregate_id, event_type, payload) values (?, ?, ?, cast(? as jsonb))",
        kind,
        aggregateId,
        eventType,
        payload);
  }
}
