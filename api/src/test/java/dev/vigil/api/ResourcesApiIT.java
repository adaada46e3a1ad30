package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.testkit.StoredSignals;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /v1/resources} and {@code /v1/fleet/summary} over HTTP against real PostgreSQL (rows
 * seeded as the store schema holds them) and the Temporal test environment (a running recording
 * workflow for the live mitigation status).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ResourcesApiIT extends ApiTestBase {
  static final String POD = "k8s/prod-eu/payments/Pod/api-7c9";
  static final String AKS =
      "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1";

  static final String SIGNALS = StoredSignals.crashLoopBackOff();

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject RemediationClient remediations;
  @Inject PolicyMatcher policies;
  Http http;

  @BeforeAll
  void seed() {
    http = new Http(server.getURL().toString());
    seed.resource(POD, "k8s/Pod", "prod-eu", "payments", "Unhealthy", SIGNALS);
    seed.mitigation(POD, "MITIGATING", 1, "k8s.deletePod", "inc-pod");
    seed.resource(
        AKS, "Microsoft.ContainerService/managedClusters", "azure", null, "Unhealthy", "[]");
    seed.mitigation(AKS, "TERMINAL", 3, "aks.restart", "inc-aks");
    for (int i = 0; i < 5; i++) {
      seed.resource("k8s/prod-eu/web/Pod/web-" + i, "k8s/Pod", "prod-eu", "web", "Healthy", "[]");
    }
    seed.resource("k8s/prod-us/web/Pod/web-x", "k8s/Pod", "prod-us", "web", "Degraded", "[]");
    seed.resource("docker/service/app", "docker/service", "default", null, "Healthy", "[]");
    seed.resource("docker/service/live", "docker/service", "default", null, "Unhealthy", SIGNALS);
    seed.mitigation("docker/service/live", "MITIGATING", 0, null, "stale-incident");
  }

  JsonNode read(String body) throws Exception {
    return json.readValue(body, JsonNode.class);
  }

  List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").values().forEach(n -> ids.add(n.get("id").getStringValue()));
    return ids;
  }

  @Nested
  class One {
    @Test
    void resource_hasTheContractShape_withStoredMitigationStatus() throws Exception {
      var r = http.get("/v1/resources/" + enc(POD), READER);
      assertThat(r.statusCode()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      Map<String, Object> body = json.readValue(r.body(), Map.class);
      assertThat(body.keySet())
          .containsExactly(
              "id",
              "type",
              "healthState",
              "lastEventTimestamp",
              "activeSignals",
              "mitigationStatus");
      assertThat(body.get("id")).isEqualTo(POD);
      assertThat(body.get("type")).isEqualTo("k8s/Pod");
      assertThat(body.get("healthState")).isEqualTo("Unhealthy");
      assertThat(body.get("lastEventTimestamp")).isEqualTo("2026-01-08T10:00:00Z");
      assertThat(body.get("activeSignals"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "code", "K8sEvent",
                      "reason", "CrashLoopBackOff",
                      "count", 5,
                      "severity", "critical",
                      "firstSeen", "2026-01-08T09:00:00Z",
                      "lastSeen", "2026-01-08T10:00:00Z")));
      Map<String, Object> mitigation = new java.util.LinkedHashMap<>();
      mitigation.put("attemptCount", 1);
      mitigation.put("lastAction", "k8s.deletePod");
      mitigation.put("phase", "MITIGATING");
      mitigation.put("workflowId", "remediation:" + POD);
      mitigation.put("incidentId", "inc-pod");
      assertThat(body.get("mitigationStatus")).isEqualTo(mitigation);
    }

    @Test
    void azureIdWithManySlashes_roundTrips() throws Exception {
      var r = http.get("/v1/resources/" + enc(AKS), READER);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(read(r.body()).get("id").getStringValue()).isEqualTo(AKS);
      assertThat(read(r.body()).get("mitigationStatus").get("phase").getStringValue())
          .isEqualTo("TERMINAL");
    }

    @Test
    void resourceThatNeverHadARemediation_hasNullMitigationStatus() throws Exception {
      var r = http.get("/v1/resources/" + enc("docker/service/app"), READER);
      assertThat(r.body()).contains("\"mitigationStatus\":null");
    }

    @Test
    void runningWorkflow_isTheSourceOfMitigationStatus() throws Exception {
      ResourceRef ref =
          new ResourceRef("docker/service/live", "docker/service", "default", null, "live", null);
      var policy =
          policies.policies().stream()
              .filter(p -> p.name().equals("app-high-cpu"))
              .findFirst()
              .orElseThrow();
      remediations.startOrSignal(
          ref,
          policy,
          new HealthObservation(
              "inc-live",
              ref.id(),
              HealthState.Unhealthy,
              Instant.now(),
              List.of("HighCPU"),
              "critical",
              "HighCPU"),
          false);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                JsonNode m =
                    read(http.get("/v1/resources/" + enc(ref.id()), READER).body())
                        .get("mitigationStatus");
                // PostgreSQL says attempt 0 of a stale incident; the workflow knows better
                assertThat(m.get("attemptCount").getIntValue()).isEqualTo(1);
                assertThat(m.get("lastAction").getStringValue()).isEqualTo("docker.scale");
                assertThat(m.get("incidentId").getStringValue()).isEqualTo("inc-live");
                assertThat(m.get("workflowId").getStringValue())
                    .isEqualTo("remediation:docker/service/live");
              });
    }

    @Test
    void unknownResource_is404Problem() {
      var r = http.get("/v1/resources/" + enc("k8s/nope/Pod/x"), READER);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(r.body()).contains("not-found").contains("k8s/nope/Pod/x");
    }
  }

  @Nested
  class List_ {
    @Test
    void everyFilterAlone_andCombined() throws Exception {
      assertThat(ids(read(http.get("/v1/resources?healthState=Unhealthy", READER).body())))
          .containsExactly(AKS, "docker/service/live", POD);
      assertThat(ids(read(http.get("/v1/resources?type=docker/service", READER).body())))
          .containsExactly("docker/service/app", "docker/service/live");
      assertThat(ids(read(http.get("/v1/resources?cluster=prod-us", READER).body())))
          .containsExactly("k8s/prod-us/web/Pod/web-x");
      assertThat(
              ids(
                  read(
                      http.get(
                              "/v1/resources?healthState=Unhealthy&type=k8s/Pod&cluster=prod-eu",
                              READER)
                          .body())))
          .containsExactly(POD);
      assertThat(
              ids(
                  read(
                      http.get("/v1/resources?healthState=Healthy&cluster=prod-us", READER)
                          .body())))
          .isEmpty();
    }

    @Test
    void keysetPagination_visitsEveryRowOnce_inIdOrder() throws Exception {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        var r =
            http.get(
                "/v1/resources?limit=3" + (cursor == null ? "" : "&cursor=" + enc(cursor)), READER);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode page = read(r.body());
        assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
        seen.addAll(ids(page));
        JsonNode next = page.get("nextCursor");
        cursor = next == null || next.isNull() ? null : next.getStringValue();
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(4);
      assertThat(seen).hasSize(10).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void paginationWithAFilter_staysInsideTheFilter() throws Exception {
      JsonNode first = read(http.get("/v1/resources?healthState=Healthy&limit=4", READER).body());
      assertThat(ids(first)).hasSize(4);
      String cursor = first.get("nextCursor").getStringValue();
      JsonNode second =
          read(
              http.get("/v1/resources?healthState=Healthy&limit=4&cursor=" + enc(cursor), READER)
                  .body());
      assertThat(ids(second))
          .containsExactly("k8s/prod-eu/web/Pod/web-3", "k8s/prod-eu/web/Pod/web-4");
      assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void limitIsBoundedAndValidated() throws Exception {
      assertThat(ids(read(http.get("/v1/resources?limit=100000", READER).body()))).hasSize(10);
      assertThat(http.get("/v1/resources?limit=0", READER).statusCode()).isEqualTo(400);
    }

    @Test
    void badInput_is400Problem() {
      var badState = http.get("/v1/resources?healthState=Sick", READER);
      assertThat(badState.statusCode()).isEqualTo(400);
      assertThat(badState.body()).contains("healthState");
      var badCursor = http.get("/v1/resources?cursor=%21%21not-ours", READER);
      assertThat(badCursor.statusCode()).isEqualTo(400);
      assertThat(badCursor.body()).contains("\"field\":\"cursor\"");
      // "garbage" is valid base64url, but decodes to nothing this API ever wrote into a cursor
      assertThat(http.get("/v1/resources?cursor=garbage", READER).statusCode()).isEqualTo(400);
    }

    @Test
    void injectionInFiltersAndIds_is400NamingTheParameter() {
      for (String query :
          List.of(
              "type=" + enc("k8s/Pod' or '1'='1"),
              "cluster=" + enc("x;drop table resource_state"),
              "cluster=" + enc("x\r\nSet-Cookie: a=b"),
              "type=" + enc("t".repeat(300)))) {
        var r = http.get("/v1/resources?" + query, READER);
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        assertThat(r.body()).as(query).contains("\"field\":\"" + query.split("=")[0] + "\"");
      }
      for (String id : List.of("docker/service/../../etc", "a\u0000b", "x'--")) {
        var r = http.get("/v1/resources/" + enc(id), READER);
        assertThat(r.statusCode()).as(id).isEqualTo(400);
        assertThat(r.body()).as(id).contains("\"field\":\"id\"");
      }
    }

    @Test
    void reads_needStateRead() {
      assertThat(http.get("/v1/resources", null).statusCode()).isEqualTo(401);
      assertThat(http.get("/v1/resources/" + enc(POD), null).statusCode()).isEqualTo(401);
      assertThat(http.get("/v1/fleet/summary", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void fleetSummary_countsAndPercentages() throws Exception {
    JsonNode s = read(http.get("/v1/fleet/summary", READER).body());
    assertThat(s.get("total").getLongValue()).isEqualTo(10);
    assertThat(s.get("byHealth").get("Healthy").getLongValue()).isEqualTo(6);
    assertThat(s.get("byHealth").get("Degraded").getLongValue()).isEqualTo(1);
    assertThat(s.get("byHealth").get("Unhealthy").getLongValue()).isEqualTo(3);
    assertThat(s.get("percentByHealth").get("Healthy").getDoubleValue()).isEqualTo(60.0);
    assertThat(s.get("percentByHealth").get("Degraded").getDoubleValue()).isEqualTo(10.0);
    assertThat(s.get("byPhase").get("MITIGATING").getLongValue()).isEqualTo(2);
    assertThat(s.get("byPhase").get("TERMINAL").getLongValue()).isEqualTo(1);
    assertThat(s.get("byPhase").get("HEALTHY").getLongValue()).isZero();
    assertThat(s.get("percentByPhase").get("TERMINAL").getDoubleValue()).isEqualTo(10.0);
  }
}
