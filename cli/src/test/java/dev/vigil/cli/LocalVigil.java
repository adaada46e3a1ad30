package dev.vigil.cli;

import dev.vigil.api.ApiApplication;
import dev.vigil.temporaldev.DevTemporal;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ResourceRef;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Vigil API for the CLI to talk to over HTTP: the api's Micronaut application on a fresh
 * migrated database of the embedded PostgreSQL, the Temporal Java test server on a free port, and a
 * worker running {@link HeldRemediation} for the repairs the tests start. No Kafka and no ingest:
 * rows are seeded as ingest and the activities write them.
 */
final class LocalVigil implements AutoCloseable {
  /** state:read, mitigation:write, approval:write, action:write and audit:read (subject ops). */
  static final String OPERATOR_TOKEN = "cli-operator-token";

  /** state:read only (subject grafana). */
  static final String READER_TOKEN = "cli-reader-token";

  final TestPostgres.Database db;
  final DevTemporal temporal;
  final ApplicationContext api;
  final WorkerFactory workers;
  final String url;

  LocalVigil() throws IOException {
    db = TestPostgres.newDatabase("cli");
    temporal =
        DevTemporal.start(
            LoopbackPorts.free(), 0, Files.createTempDirectory("vigil-cli-temporal"), false);
    Map<String, Object> p = new HashMap<>();
    p.put("datasources.default.url", db.jdbcUrl());
    p.put("datasources.default.username", db.user());
    p.put("datasources.default.password", db.password());
    p.put("micronaut.server.port", -1);
    p.put("vigil.api.grpc.enabled", false);
    p.put("vigil.temporal.target", temporal.target());
    p.put("vigil.temporal.keep-alive", false);
    p.put(
        "vigil.security.token-list",
        "ops:"
            + sha256(OPERATOR_TOKEN)
            + ":state:read,mitigation:write,approval:write,action:write,audit:read;grafana:"
            + sha256(READER_TOKEN)
            + ":state:read");
    p.put("vigil.api.events.poll-interval", "100ms");
    p.put("vigil.api.events.heartbeat", "1s");
    p.put("vigil.api.events.gap-grace", "300ms");
    p.put("vigil.api.fleet-gauges-interval", "1s");
    api =
        Micronaut.build(new String[0])
            .mainClass(ApiApplication.class)
            .banner(false)
            .properties(p)
            .start();
    url = api.getBean(EmbeddedServer.class).getURL().toString();
    workers = WorkerFactory.newInstance(api.getBean(WorkflowClient.class));
    workers
        .newWorker(WorkflowIds.TASK_QUEUE)
        .registerWorkflowImplementationTypes(HeldRemediation.class);
    workers.start();
  }

  /** Starts a held repair of a seeded resource under {@code policy}; its incident id is given. */
  void startRepair(String resourceId, String policy, String incidentId) {
    Policy pol =
        api.getBean(PolicyMatcher.class).policies().stream()
            .filter(x -> x.name().equals(policy))
            .findFirst()
            .orElseThrow();
    String[] parts = resourceId.split("/");
    ResourceRef ref =
        new ResourceRef(resourceId, "k8s/Pod", parts[1], parts[2], parts[4], Map.of());
    RemediationClient client = api.getBean(RemediationClient.class);
    client.startOrSignal(
        ref,
        pol,
        new HealthObservation(
            incidentId,
            resourceId,
            HealthState.Unhealthy,
            Instant.now(),
            List.of("CrashLoopBackOff"),
            "critical",
            "CrashLoopBackOff"),
        false);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.status(resourceId).map(s -> s.pendingApproval() == null).orElse(true)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the held repair of " + resourceId + " did not start");
      }
      sleep(100);
    }
  }

  /** What the held repair of {@code resourceId} was sent. */
  String signals(String resourceId) {
    return api.getBean(RemediationClient.class).status(resourceId).orElseThrow().detail();
  }

  void sql(String sql, Object... params) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object v = params[i];
        ps.setObject(i + 1, v instanceof Instant t ? Timestamp.from(t) : v);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A resource row as ingest writes it. */
  void resource(
      String id,
      String type,
      String cluster,
      String ns,
      String health,
      String signals,
      Instant lastEvent) {
    sql(
        "insert into resource_state (id, type, cluster, namespace, name, health_state,"
            + " active_signals, last_event_timestamp) values (?, ?, ?, ?, ?, ?, cast(? as json), ?)",
        id,
        type,
        cluster,
        ns,
        id.substring(id.lastIndexOf('/') + 1),
        health,
        signals,
        lastEvent);
  }

  /** The repair columns, as IncidentActivities.recordPhase writes them. */
  void mitigation(String id, String phase, int attempts, String lastAction, String incidentId) {
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

  void incident(String id, String resourceId, String status, Instant openedAt, Instant closedAt) {
    String cluster = resourceId.split("/")[1];
    sql(
        "insert into incident (id, resource_id, resource_type, cluster, workflow_id, policy, status,"
            + " severity, summary, phase, attempts, opened_at, updated_at, closed_at)"
            + " values (?, ?, 'k8s/Pod', ?, ?, 'crashloop-pod', ?, 'critical', ?, ?, 2, ?, ?, ?)",
        id,
        resourceId,
        cluster,
        "remediation:" + resourceId,
        status,
        "CrashLoopBackOff on " + resourceId,
        closedAt == null ? "MITIGATING" : "HEALTHY",
        openedAt,
        closedAt == null ? openedAt : closedAt,
        closedAt);
  }

  void timeline(String incidentId, long seq, Instant at, String kind, String message) {
    sql(
        "insert into incident_event (incident_id, seq, at, kind, phase, message, actor, details)"
            + " values (?, ?, ?, ?, 'MITIGATING', ?, 'vigil', '{}'::jsonb)",
        incidentId,
        seq,
        at,
        kind,
        message);
  }

  void action(String incidentId, String resourceId, int rung, String action, Instant at) {
    sql(
        "insert into action_execution (idempotency_key, incident_id, workflow_id, resource_id, rung,"
            + " attempt, kind, action, params, dry_run, outcome, summary, started_at, finished_at)"
            + " values (?, ?, ?, ?, ?, 1, 'ACTION', ?, '{}'::jsonb, false, 'SUCCEEDED', ?, ?, ?)",
        "remediation:" + resourceId + ":" + rung + ":1",
        incidentId,
        "remediation:" + resourceId,
        resourceId,
        rung,
        action,
        action + " done",
        at,
        at.plusSeconds(5));
  }

  /** A health transition in the outbox, as ingest writes it. */
  void transition(String resourceId, String namespace, String from, String to, String severity) {
    String payload =
        "{\"resource\":{\"id\":\""
            + resourceId
            + "\",\"type\":\"k8s/Pod\",\"cluster\":\"prod\",\"namespace\":\""
            + namespace
            + "\",\"name\":\"x\",\"labels\":{}},\"observation\":{\"eventId\":\"e-"
            + System.nanoTime()
            + "\",\"resourceId\":\""
            + resourceId
            + "\",\"healthState\":\""
            + to
            + "\",\"observedAt\":\""
            + Instant.now()
            + "\",\"activeReasons\":[\"CrashLoopBackOff\"],\"severity\":\""
            + severity
            + "\",\"trigger\":\"CrashLoopBackOff\"},\"previousHealth\":\""
            + from
            + "\"}";
    sql(
        "insert into outbox (kind, aggregate_id, event_type, payload) values"
            + " ('observation', ?, 'health.transition', cast(? as jsonb))",
        resourceId,
        payload);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    api.close();
    temporal.close();
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
