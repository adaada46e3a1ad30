package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.RemediationWorkflow;
import dev.vigil.workflows.workflow.ResourceRef;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel and approval over HTTP, through the API's WorkflowClient, into a running workflow on the
 * Temporal test server (the recording stand-in, which reports the signals it got): scopes, 404 and
 * 409 rules, and the audit row of every attempt in real PostgreSQL.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class MitigationApiIT extends ApiTestBase {
  @Inject EmbeddedServer server;
  @Inject RemediationClient remediations;
  @Inject WorkflowClient workflowClient;
  @Inject PolicyMatcher policies;
  Http http;

  @BeforeAll
  void setUp() {
    http = new Http(server.getURL().toString());
  }

  Policy policy(String name) {
    return policies.policies().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Starts a remediation whose incident id is {@code incidentId}, and its incident row. */
  ResourceRef start(String resourceId, String policy, String incidentId) {
    ResourceRef ref = new ResourceRef(resourceId, "k8s/Pod", "prod", "payments", "p", Map.of());
    seed.resource(resourceId, "k8s/Pod", "prod", "payments", "Unhealthy", "[]");
    seed.incident(incidentId, resourceId, "mitigating", "critical", Instant.now());
    remediations.startOrSignal(
        ref,
        policy(policy),
        new HealthObservation(
            incidentId,
            resourceId,
            HealthState.Unhealthy,
            Instant.now(),
            List.of("CrashLoopBackOff"),
            "critical",
            "CrashLoopBackOff"),
        false);
    await().atMost(Duration.ofSeconds(20)).until(() -> remediations.status(resourceId).isPresent());
    return ref;
  }

  String signals(String resourceId) {
    return workflowClient
        .newWorkflowStub(RemediationWorkflow.class, WorkflowIds.remediation(resourceId))
        .status()
        .detail();
  }

  List<Map<String, Object>> audit(String action, String target) {
    return seed.query(
        "select actor, result, status_code, request::text as request from audit_log where action = ? and target = ? order by id",
        action,
        target);
  }

  @Test
  void cancel_signalsTheRunningWorkflow_asTheTokenSubject_andAudits() {
    String id = "k8s/prod/payments/Pod/cancel-me";
    start(id, "crashloop-pod", "inc-cancel");
    var r =
        http.post(
            "/v1/resources/" + enc(id) + "/mitigation/cancel",
            OPERATOR,
            "{\"reason\":\"maintenance window\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body())
        .contains("\"workflowId\":\"remediation:" + id + "\"")
        .contains("\"by\":\"ops-bot\"");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                workflowStatus(id) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(audit("mitigation.cancel", id))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("actor")).isEqualTo("ops-bot");
              assertThat(row.get("result")).isEqualTo("accepted");
              assertThat(row.get("status_code")).isEqualTo(202);
              assertThat((String) row.get("request")).contains("maintenance window");
            });
  }

  WorkflowExecutionStatus workflowStatus(String resourceId) {
    return workflowClient
        .newUntypedWorkflowStub(WorkflowIds.remediation(resourceId))
        .describe()
        .getStatus();
  }

  @Test
  void cancel_withoutRunningRemediation_is404_andAudited() {
    String id = "k8s/prod/payments/Pod/idle";
    var r =
        http.post(
            "/v1/resources/" + enc(id) + "/mitigation/cancel", OPERATOR, "{\"reason\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(audit("mitigation.cancel", id))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("result", "not_found")
                    .containsEntry("status_code", 404));
  }

  @Test
  void cancel_withoutReason_is400() {
    String id = "k8s/prod/payments/Pod/no-reason";
    var r = http.post("/v1/resources/" + enc(id) + "/mitigation/cancel", OPERATOR, "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"reason\"");
  }

  @Test
  void cancel_needsMitigationWrite() {
    String id = "k8s/prod/payments/Pod/guarded";
    assertThat(
            http.post("/v1/resources/" + enc(id) + "/mitigation/cancel", null, "{\"reason\":\"x\"}")
                .statusCode())
        .isEqualTo(401);
    var forbidden =
        http.post(
            "/v1/resources/" + enc(id) + "/mitigation/cancel", APPROVER, "{\"reason\":\"x\"}");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("mitigation:write");
    assertThat(
            seed.query(
                "select actor from audit_log where action = 'authorization.denied' and actor = 'alice'"))
        .isNotEmpty();
  }

  @Test
  void approve_reachesTheWaitingRung_asTheTokenSubject() {
    String id = "k8s/prod/payments/Pod/approve-me";
    start(id, "crashloop-pod", "inc-approve");
    // crashloop-pod's third rung (k8s.patchResources) requires approval
    var detail = http.get("/v1/incidents/inc-approve", READER);
    assertThat(detail.body())
        .contains("\"pendingApproval\":{\"step\":3,\"action\":\"k8s.patchResources\"");
    var r =
        http.post(
            "/v1/incidents/inc-approve/approvals/3",
            APPROVER,
            "{\"decision\":\"approve\",\"comment\":\"go\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> signals(id).contains("decide:3:APPROVE:alice:go"));
    assertThat(audit("approval.decide", "inc-approve/approvals/3"))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("actor", "alice")
                    .containsEntry("result", "accepted"));
  }

  @Test
  void reject_reachesTheWaitingRung() {
    String id = "k8s/prod/payments/Pod/reject-me";
    start(id, "crashloop-pod", "inc-reject");
    var r =
        http.post(
            "/v1/incidents/inc-reject/approvals/3",
            APPROVER,
            "{\"decision\":\"REJECT\",\"comment\":\"too risky\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> signals(id).contains("decide:3:REJECT:alice:too risky"));
  }

  @Test
  void stepNotAwaitingApproval_is409_andNothingIsSignalled() {
    String id = "k8s/prod/payments/Pod/wrong-step";
    start(id, "crashloop-pod", "inc-wrong-step");
    var r =
        http.post(
            "/v1/incidents/inc-wrong-step/approvals/2", APPROVER, "{\"decision\":\"approve\"}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("step 2 is not awaiting approval").contains("step 3");
    assertThat(signals(id)).doesNotContain("decide");
    assertThat(audit("approval.decide", "inc-wrong-step/approvals/2"))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("result", "conflict")
                    .containsEntry("status_code", 409));
  }

  @Test
  void remediationWithoutApprovalGate_is409() {
    start("k8s/prod/payments/Pod/no-gate", "app-high-cpu", "inc-no-gate");
    var r =
        http.post("/v1/incidents/inc-no-gate/approvals/1", APPROVER, "{\"decision\":\"approve\"}");
    assertThat(r.statusCode()).isEqualTo(409);
  }

  @Test
  void unknownIncident_orEndedRemediation_is404() {
    assertThat(
            http.post("/v1/incidents/nope/approvals/1", APPROVER, "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(404);
    seed.resource("k8s/prod/payments/Pod/old", "k8s/Pod", "prod", "payments", "Healthy", "[]");
    seed.incident("inc-old", "k8s/prod/payments/Pod/old", "resolved", "critical", Instant.now());
    var r = http.post("/v1/incidents/inc-old/approvals/1", APPROVER, "{\"decision\":\"approve\"}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("not running");
  }

  @Test
  void badDecision_is400() {
    var r = http.post("/v1/incidents/whatever/approvals/1", APPROVER, "{\"decision\":\"maybe\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"decision\"");
  }

  @Test
  void approval_needsApprovalWrite() {
    assertThat(
            http.post("/v1/incidents/x/approvals/1", OPERATOR, "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.post("/v1/incidents/x/approvals/1", null, "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(401);
  }
}
