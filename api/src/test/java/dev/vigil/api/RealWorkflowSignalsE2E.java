package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.api.support.TestActivities;
import dev.vigil.api.support.WorkflowUnderTest;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.RemediationResult;
import dev.vigil.workflows.workflow.RemediationStatus;
import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.ResourceRef;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel and approval through the API into the REAL {@link RemediationWorkflowImpl} on the Temporal
 * test server, with test activity implementations ({@link TestActivities}: actions succeed but the
 * resource stays unhealthy, so the workflow waits for clear): a cancel ends the repair {@code
 * CANCELLED} after running the registered compensation; approve runs the gated rung; reject skips
 * it; a decision for a step that is not waiting is refused with 409.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RealWorkflowSignalsE2E extends ApiTestBase {
  static final TestActivities ACTIVITIES = new TestActivities();
  static final String GATED =
      """
      policies:
        - name: gated-pod
          match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
          ladder:
            - { action: k8s.deletePod, requiresApproval: true, verifyWithin: 5m }
            - { action: k8s.rolloutRestart, target: owner, verifyWithin: 5m }
      """;

  /** The worker runs the real workflow with the test activities. */
  @Singleton
  @Replaces(WorkflowUnderTest.Recording.class)
  @Requires(property = "spec.name", value = "RealWorkflowSignalsE2E")
  static class RealWorkflow implements WorkflowUnderTest {
    @Override
    public void register(Worker worker) {
      RemediationWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
      worker.registerActivitiesImplementations(ACTIVITIES);
    }
  }

  @Inject EmbeddedServer server;
  @Inject RemediationClient remediations;
  @Inject WorkflowClient workflowClient;
  @Inject PolicyMatcher policies;
  Http http;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("spec.name", "RealWorkflowSignalsE2E");
    return p;
  }

  @BeforeAll
  void setUp() {
    http = new Http(server.getURL().toString());
    // the incident rows the real IncidentActivities would write, so the API can find them
    ACTIVITIES.onOpenIncident =
        r ->
            seed.sql(
                "insert into incident (id, resource_id, resource_type, cluster, workflow_id, policy,"
                    + " status, summary, opened_at, updated_at) values (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)"
                    + " on conflict (id) do nothing",
                r.incidentId(),
                r.resource().id(),
                r.resource().type(),
                r.resource().cluster(),
                r.workflowId(),
                r.policy(),
                r.summary(),
                r.at(),
                r.at());
  }

  RemediationStatus start(ResourceRef ref, Policy policy, String reason) {
    seed.resource(ref.id(), ref.type(), ref.cluster(), ref.namespace(), "Unhealthy", "[]");
    remediations.startOrSignal(
        ref,
        policy,
        new HealthObservation(
            "ev-" + ref.name(),
            ref.id(),
            HealthState.Unhealthy,
            Instant.now(),
            List.of(reason),
            "critical",
            reason),
        false);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> remediations.status(ref.id()).map(RemediationStatus::incidentId).isPresent());
    return remediations.status(ref.id()).orElseThrow();
  }

  List<String> callsFor(String prefix) {
    return ACTIVITIES.calls.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  @Test
  void cancel_endsTheRunningRepairCancelled_afterItsCompensation() {
    Policy highCpu =
        policies.policies().stream()
            .filter(p -> p.name().equals("app-high-cpu"))
            .findFirst()
            .orElseThrow();
    ResourceRef app =
        new ResourceRef(
            "docker/service/cancel-app", "docker/service", "default", null, "cancel-app", Map.of());
    start(app, highCpu, "HighCPU");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ACTIVITIES.calls.contains("scaleService:replicas=2"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                remediations
                    .status(app.id())
                    .map(s -> s.phase() == Phase.MITIGATING)
                    .orElse(false));

    var r =
        http.post(
            "/v1/resources/" + enc(app.id()) + "/mitigation/cancel",
            OPERATOR,
            "{\"reason\":\"planned maintenance\"}");
    assertThat(r.statusCode()).isEqualTo(202);

    RemediationResult result =
        workflowClient
            .newUntypedWorkflowStub(WorkflowIds.remediation(app.id()))
            .getResult(RemediationResult.class);
    assertThat(result.phase()).isEqualTo(Phase.CANCELLED);
    assertThat(result.resolvedBy()).isEqualTo("ops-bot");
    List<String> scales = callsFor("scaleService:");
    assertThat(scales).containsExactly("scaleService:replicas=2", "scaleService:replicas=1");
    assertThat(ACTIVITIES.calls).contains("phase:CANCELLED");
    // nothing runs any more: a second cancel is 404
    assertThat(
            http.post(
                    "/v1/resources/" + enc(app.id()) + "/mitigation/cancel",
                    OPERATOR,
                    "{\"reason\":\"again\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            seed.query(
                "select result from audit_log where action = 'mitigation.cancel' and target = ?",
                app.id()))
        .extracting(row -> row.get("result"))
        .containsExactly("accepted", "not_found");
  }

  @Test
  void approve_runsTheWaitingRung_andOtherStepsAre409() {
    Policy gated = PolicyLoader.parse(GATED).get(0);
    ResourceRef pod =
        new ResourceRef(
            "k8s/prod/payments/Pod/approve-1",
            "k8s/Pod",
            "prod",
            "payments",
            "approve-1",
            Map.of());
    start(pod, gated, "CrashLoopBackOff");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                remediations.status(pod.id()).map(s -> s.pendingApproval() != null).orElse(false));
    String incident = remediations.status(pod.id()).orElseThrow().incidentId();

    var detail = http.get("/v1/incidents/" + incident, READER);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains("\"pendingApproval\":{\"step\":1,\"action\":\"k8s.deletePod\"");

    assertThat(
            http.post(
                    "/v1/incidents/" + incident + "/approvals/2",
                    APPROVER,
                    "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(409);
    assertThat(callsFor("deletePod:")).isEmpty();

    var r =
        http.post(
            "/v1/incidents/" + incident + "/approvals/1",
            APPROVER,
            "{\"decision\":\"approve\",\"comment\":\"go ahead\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !callsFor("deletePod:").isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                remediations.status(pod.id()).map(s -> s.pendingApproval() == null).orElse(false));
    // the step is no longer waiting
    assertThat(
            http.post(
                    "/v1/incidents/" + incident + "/approvals/1",
                    APPROVER,
                    "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  void reject_skipsTheWaitingRung() {
    Policy gated = PolicyLoader.parse(GATED).get(0);
    ResourceRef pod =
        new ResourceRef(
            "k8s/prod/payments/Pod/reject-1", "k8s/Pod", "prod", "payments", "reject-1", Map.of());
    int deletesBefore = callsFor("deletePod:").size();
    int restartsBefore = callsFor("rolloutRestart:").size();
    start(pod, gated, "CrashLoopBackOff");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                remediations.status(pod.id()).map(s -> s.pendingApproval() != null).orElse(false));
    String incident = remediations.status(pod.id()).orElseThrow().incidentId();

    var r =
        http.post(
            "/v1/incidents/" + incident + "/approvals/1",
            APPROVER,
            "{\"decision\":\"reject\",\"comment\":\"not now\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> callsFor("rolloutRestart:").size() > restartsBefore);
    assertThat(callsFor("deletePod:")).hasSize(deletesBefore);
  }
}
