package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.TestPostgres;
import dev.vigil.worker.support.ActivityLog;
import dev.vigil.worker.support.SharedTemporal;
import dev.vigil.worker.support.WorkerContexts;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.RemediationResult;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two worker instances (two contexts of the worker application, built as WorkerApplication builds
 * them) on one task queue, against the standalone Temporal test server over gRPC and a real
 * PostgreSQL, running the real RemediationWorkflowImpl with the real incident, lease and journal
 * activities. The Docker action is a test double behind the real action journal: it applies its
 * effect, then waits for "readiness" while heartbeating. The worker running it goes away in the
 * middle of that wait; the repair must complete on the other worker with the action in effect
 * exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkerFailoverIT {
  static final String TASK_QUEUE = "worker-failover-it";
  static final String POLICY =
      """
      policies:
        - name: failover
          match: { resourceType: docker/service, reasons: [HighCPU] }
          recurrenceWindow: 1s
          ladder:
            - action: docker.scale
              params: { replicas: "2", durationMillis: "120000", retryDurationMillis: "300" }
              verifyWithin: 1m
              timeout: 5m
              retry: { maxAttempts: 5, initialInterval: 200ms, maxInterval: 1s }
      """;

  private final Policy policy = PolicyLoader.parse(POLICY).getFirst();
  private final RemediationClient remediations =
      new RemediationClient(SharedTemporal.client(), TASK_QUEUE);
  private TestPostgres.Database db;
  private final List<ApplicationContext> workers = new ArrayList<>();

  @BeforeAll
  void database() {
    db = TestPostgres.newDatabase("worker_failover");
  }

  @BeforeEach
  void startTwoWorkers() {
    ActivityLog.reset();
    workers.add(worker("worker-a"));
    workers.add(worker("worker-b"));
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(ApplicationContext::close);
    workers.clear();
  }

  @Test
  void workerStoppedMidAction_repairCompletesOnTheOther_withTheActionInEffectOnce()
      throws Exception {
    ResourceRef resource = resource("app-stopped");
    remediations.startOrSignal(
        resource, policy, observation(resource, HealthState.Unhealthy), false);
    ActivityLog.Run first = awaitFirstAttempt();
    String survivor = other(first.worker());

    // SIGTERM mid-action: polling stops, the 300 ms grace runs out, the action is interrupted.
    context(first.worker()).close();

    assertRepairCompletesOn(resource, first, survivor);
  }

  @Test
  void workerCrashedMidAction_repairCompletesOnTheOther_afterTheHeartbeatTimeout()
      throws Exception {
    ResourceRef resource = resource("app-crashed");
    remediations.startOrSignal(
        resource, policy, observation(resource, HealthState.Unhealthy), false);
    ActivityLog.Run first = awaitFirstAttempt();
    String survivor = other(first.worker());

    // A crash: the action freezes and the worker's connection to Temporal is gone; nothing is
    // reported, Temporal notices only the missing heartbeats (2 s here).
    ActivityLog.crash(first.worker());
    context(first.worker()).getBean(WorkflowServiceStubs.class).shutdownNow();

    assertRepairCompletesOn(resource, first, survivor);
  }

  private void assertRepairCompletesOn(ResourceRef resource, ActivityLog.Run first, String survivor)
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ActivityLog.completed().stream().anyMatch(r -> r.worker().equals(survivor)));
    remediations.signalIfRunning(observation(resource, HealthState.Healthy));

    RemediationResult result =
        SharedTemporal.client()
            .newUntypedWorkflowStub(resource.workflowId())
            .getResult(60, TimeUnit.SECONDS, RemediationResult.class);

    assertThat(result.phase()).isEqualTo(Phase.HEALTHY);
    assertThat(result.attempts()).isEqualTo(1);
    // The action ran on the stopped worker (attempt 1) and again on the survivor (attempt 2),
    // which found its effect in place: one effect, one journal row tried twice.
    assertThat(ActivityLog.started())
        .extracting(ActivityLog.Run::worker, ActivityLog.Run::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.worker(), 1),
            org.assertj.core.groups.Tuple.tuple(survivor, 2));
    assertThat(ActivityLog.effects()).containsOnlyKeys(first.key()).containsValue(first.worker());
    assertThat(ActivityLog.completed())
        .extracting(ActivityLog.Run::worker)
        .containsExactly(survivor);
    assertThat(journal(resource.workflowId()))
        .containsExactly(Map.of("action", "docker.scale", "outcome", "UNCHANGED", "tries", 2));
    assertThat(incidentStatus(result.incidentId())).isEqualTo("resolved");
    List<HistoryEvent> completions =
        SharedTemporal.client().fetchHistory(resource.workflowId()).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
            .toList();
    assertThat(completions)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getActivityTaskCompletedEventAttributes().getIdentity())
                    .isEqualTo(survivor));
  }

  private ApplicationContext worker(String name) {
    Map<String, Object> props = WorkerContexts.properties(TASK_QUEUE, db, name);
    props.put("vigil.worker.identity", name);
    props.put("vigil.worker.shutdown-grace", "300ms");
    props.put("vigil.worker.remediation.action-heartbeat-timeout", "2s");
    return ApplicationContext.run(props);
  }

  private ApplicationContext context(String worker) {
    return workers.stream()
        .filter(c -> c.getProperty("test.worker-name", String.class).orElse("").equals(worker))
        .findFirst()
        .orElseThrow();
  }

  private static String other(String worker) {
    return worker.equals("worker-a") ? "worker-b" : "worker-a";
  }

  private static ActivityLog.Run awaitFirstAttempt() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !ActivityLog.effects().isEmpty() && !ActivityLog.started().isEmpty());
    return ActivityLog.started().getFirst();
  }

  private static ResourceRef resource(String name) {
    return new ResourceRef(
        "docker/service/" + name, "docker/service", "default", null, name, Map.of());
  }

  private static HealthObservation observation(ResourceRef resource, HealthState health) {
    boolean adverse = health != HealthState.Healthy;
    return new HealthObservation(
        resource.id() + "/" + health + "/" + System.nanoTime(),
        resource.id(),
        health,
        Instant.now(),
        adverse ? List.of("HighCPU") : List.of(),
        adverse ? "critical" : null,
        "HighCPU");
  }

  private List<Map<String, Object>> journal(String workflowId) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select action, outcome, tries from action_execution where workflow_id = ?")) {
      s.setString(1, workflowId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              Map.of("action", rs.getString(1), "outcome", rs.getString(2), "tries", rs.getInt(3)));
        }
      }
    }
    return rows;
  }

  private String incidentStatus(String incidentId) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("select status from incident where id = ?")) {
      s.setString(1, incidentId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
