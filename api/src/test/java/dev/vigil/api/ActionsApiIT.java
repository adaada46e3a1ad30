package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.activities.operator.OperatorActionActivitiesImpl;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.api.support.TestActivities;
import dev.vigil.api.support.WorkflowUnderTest;
import dev.vigil.workflows.workflow.OperatorActionWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.worker.Worker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /v1/resources/{id}/actions}, {@code GET /v1/actions/{id}} and {@code POST
 * /v1/actions/{id}/approval} over HTTP, into the real OperatorActionWorkflowImpl on the Temporal
 * test server (test actions and leases, the real {@code operator_action} record in PostgreSQL):
 * scopes, the catalog checks before anything starts, the approval gate, the status after the
 * workflow ended, and the audit row of every attempt.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ActionsApiIT extends ApiTestBase {
  static final TestActivities ACTIVITIES = new TestActivities();
  static final String APP = "docker/service/actions-app";
  static final String POD = "k8s/prod/payments/Pod/api-1";

  /** The worker runs the real operator action workflow, recording into PostgreSQL. */
  @Singleton
  @Replaces(WorkflowUnderTest.Recording.class)
  @Requires(property = "spec.name", value = "ActionsApiIT")
  static class OperatorActions implements WorkflowUnderTest {
    private final OperatorActionActivitiesImpl records;

    OperatorActions(OperatorActionActivitiesImpl records) {
      this.records = records;
    }

    @Override
    public void register(Worker worker) {
      OperatorActionWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
      worker.registerActivitiesImplementations(ACTIVITIES, records);
    }
  }

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Http http;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("spec.name", "ActionsApiIT");
    return p;
  }

  @BeforeAll
  void setUp() {
    http = new Http(server.getURL().toString());
    seed.resource(APP, "docker/service", "local", null, "Unhealthy", "[]");
    seed.resource(POD, "k8s/Pod", "prod", "payments", "Unhealthy", "[]");
  }

  JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readValue(response.body(), JsonNode.class);
  }

  HttpResponse<String> ask(String resourceId, String token, String body) {
    return http.post("/v1/resources/" + enc(resourceId) + "/actions", token, body);
  }

  JsonNode awaitState(String id, String state) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = body(http.get("/v1/actions/" + id, READER));
              return state.equals(last[0].get("state").getStringValue());
            });
    return last[0];
  }

  long audited(String actor, String action, String result) {
    return seed.query(
                    "select count(*) as n from audit_log where actor = ? and action = ? and result = ?",
                    actor,
                    action,
                    result)
                .get(0)
                .get("n")
            instanceof Number n
        ? n.longValue()
        : -1;
  }

  @Test
  void scale_isAccepted202_runsAsItsOwnWorkflow_andItsStatusOutlivesIt() throws Exception {
    HttpResponse<String> accepted =
        ask(APP, ACTOR, "{\"action\": \"docker.scale\", \"params\": {\"replicas\": 3}}");

    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonNode started = body(accepted);
    String id = started.get("id").getStringValue();
    assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/actions/" + id);
    assertThat(started.get("state").getStringValue()).isEqualTo("REQUESTED");
    assertThat(started.get("workflowId").getStringValue()).isEqualTo("action:" + APP + ":" + id);
    assertThat(started.get("requestedBy").getStringValue()).isEqualTo("dash");

    JsonNode done = awaitState(id, "SUCCEEDED");
    assertThat(done.get("finished").getBooleanValue()).isTrue();
    assertThat(done.get("outcome").getStringValue()).isEqualTo("SUCCEEDED");
    assertThat(done.get("scope").getStringValue()).isEqualTo("cluster=local");
    assertThat(done.get("params").get("replicas").getStringValue()).isEqualTo("3");
    assertThat(ACTIVITIES.calls).contains("scaleService:replicas=3");
    // the ended workflow's status comes from operator_action
    assertThat(seed.query("select state, outcome from operator_action where id = ?", id).get(0))
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("outcome", "SUCCEEDED");
    assertThat(audited("dash", "action.request", "accepted")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void withoutActionWrite_isForbidden_andNothingStarts() {
    HttpResponse<String> refused =
        ask(APP, OPERATOR, "{\"action\": \"docker.scale\", \"params\": {\"replicas\": 2}}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("action:write");
    assertThat(http.get("/v1/actions/nope", null).statusCode()).isEqualTo(401);
  }

  @Test
  void unknownActionOrBadParams_are400NamingTheField_beforeAnyWorkflowStarts() throws Exception {
    long before = countActions();

    HttpResponse<String> unknown = ask(APP, ACTOR, "{\"action\": \"docker.explode\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(body(unknown).get("field").getStringValue()).isEqualTo("action");

    HttpResponse<String> badReplicas =
        ask(APP, ACTOR, "{\"action\": \"docker.scale\", \"params\": {\"replicas\": \"two\"}}");
    assertThat(badReplicas.statusCode()).isEqualTo(400);
    assertThat(body(badReplicas).get("field").getStringValue()).isEqualTo("params.replicas");

    HttpResponse<String> missing = ask(APP, ACTOR, "{\"action\": \"docker.scale\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("needs params.replicas");

    HttpResponse<String> unknownParam =
        ask(
            APP,
            ACTOR,
            "{\"action\": \"docker.scale\", \"params\": {\"replicas\": 2, \"force\": true}}");
    assertThat(unknownParam.statusCode()).isEqualTo(400);
    assertThat(body(unknownParam).get("field").getStringValue()).isEqualTo("params.force");

    HttpResponse<String> wrongKind = ask(POD, ACTOR, "{\"action\": \"docker.restart\"}");
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("acts on docker/* resources");

    HttpResponse<String> wrongTarget =
        ask(APP, ACTOR, "{\"action\": \"docker.restart\", \"target\": \"node\"}");
    assertThat(wrongTarget.statusCode()).isEqualTo(400);
    assertThat(body(wrongTarget).get("field").getStringValue()).isEqualTo("target");

    HttpResponse<String> noResource =
        ask("docker/service/none", ACTOR, "{\"action\": \"docker.restart\"}");
    assertThat(noResource.statusCode()).isEqualTo(404);

    assertThat(countActions()).isEqualTo(before);
    assertThat(audited("dash", "action.request", "invalid")).isGreaterThanOrEqualTo(6);
    assertThat(audited("dash", "action.request", "not_found")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void requireApproval_waitsForApprovalWrite_thenActs_andASecondDecisionIsAConflict()
      throws Exception {
    JsonNode started =
        body(
            ask(
                POD,
                ACTOR,
                "{\"action\": \"k8s.rolloutRestart\", \"target\": \"owner\","
                    + " \"requireApproval\": true}"));
    String id = started.get("id").getStringValue();
    awaitState(id, "AWAITING_APPROVAL");
    assertThat(ACTIVITIES.calls).doesNotContain("rolloutRestart:");

    String approve = "{\"decision\": \"approve\", \"comment\": \"go\"}";
    assertThat(http.post("/v1/actions/" + id + "/approval", ACTOR, approve).statusCode())
        .isEqualTo(403);
    HttpResponse<String> decided = http.post("/v1/actions/" + id + "/approval", APPROVER, approve);
    assertThat(decided.statusCode()).isEqualTo(202);
    assertThat(body(decided).get("by").getStringValue()).isEqualTo("alice");

    JsonNode done = awaitState(id, "SUCCEEDED");
    assertThat(done.get("decidedBy").getStringValue()).isEqualTo("alice");
    assertThat(ACTIVITIES.calls).contains("rolloutRestart:");

    HttpResponse<String> again = http.post("/v1/actions/" + id + "/approval", APPROVER, approve);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(audited("alice", "action.decide", "accepted")).isEqualTo(1);
    assertThat(audited("alice", "action.decide", "conflict")).isEqualTo(1);
  }

  @Test
  void unknownAction_is404() {
    assertThat(http.get("/v1/actions/no-such-action", READER).statusCode()).isEqualTo(404);
    assertThat(
            http.post("/v1/actions/no-such-action/approval", APPROVER, "{\"decision\":\"approve\"}")
                .statusCode())
        .isEqualTo(404);
  }

  long countActions() {
    List<Map<String, Object>> rows = seed.query("select count(*) as n from operator_action");
    return ((Number) rows.get(0).get("n")).longValue();
  }
}
