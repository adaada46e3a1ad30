package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /v1/incidents} over HTTP against real PostgreSQL: filters, newest-first keyset pagination
 * (also across equal timestamps), and the detail with its timeline and action attempts.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class IncidentsApiIT extends ApiTestBase {
  static final String POD = "k8s/prod/payments/Pod/api-1";
  static final String NODE = "k8s/prod/Node/n1";
  static final Instant T0 = Instant.parse("2026-01-08T10:00:00Z");

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  Http http;

  @BeforeAll
  void seedIncidents() {
    http = new Http(server.getURL().toString());
    seed.resource(POD, "k8s/Pod", "prod", "payments", "Unhealthy", "[]");
    seed.resource(NODE, "k8s/Node", "prod", null, "Healthy", "[]");
    seed.incident("inc-1", POD, "resolved", "critical", T0);
    seed.incident("inc-2", POD, "mitigating", "critical", T0.plusSeconds(60));
    seed.incident("inc-3", NODE, "terminal", "error", T0.plusSeconds(120));
    // two incidents opened in the same instant: the id breaks the tie
    seed.incident("inc-4a", NODE, "resolved", "warning", T0.plusSeconds(180));
    seed.incident("inc-4b", NODE, "resolved", "warning", T0.plusSeconds(180));
    seed.timeline("inc-2", 2, "phase", "rung 1 ran", "{\"rung\":\"1\"}");
    seed.timeline("inc-2", 1, "phase", "incident opened", "{}");
    seed.action("inc-2", POD, 1, "k8s.deletePod", "SUCCEEDED");
    seed.action("inc-2", POD, 2, "k8s.rolloutRestart", "FAILED");
  }

  JsonNode get(String path) throws Exception {
    var r = http.get(path, READER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readValue(r.body(), JsonNode.class);
  }

  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").values().forEach(n -> ids.add(n.get("id").getStringValue()));
    return ids;
  }

  @Test
  void list_isNewestFirst_andFiltersCombine() throws Exception {
    assertThat(ids(get("/v1/incidents")))
        .containsExactly("inc-4a", "inc-4b", "inc-3", "inc-2", "inc-1");
    assertThat(ids(get("/v1/incidents?status=resolved")))
        .containsExactly("inc-4a", "inc-4b", "inc-1");
    assertThat(ids(get("/v1/incidents?resourceId=" + enc(POD)))).containsExactly("inc-2", "inc-1");
    assertThat(ids(get("/v1/incidents?status=resolved&resourceId=" + enc(POD))))
        .containsExactly("inc-1");
  }

  @Test
  void pagination_walksAllPages_acrossEqualTimestamps() throws Exception {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          get("/v1/incidents?limit=2" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      seen.addAll(ids(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").getStringValue();
    } while (cursor != null);
    assertThat(seen).containsExactly("inc-4a", "inc-4b", "inc-3", "inc-2", "inc-1");

    JsonNode first = get("/v1/incidents?status=resolved&limit=1");
    JsonNode second =
        get(
            "/v1/incidents?status=resolved&limit=1&cursor="
                + enc(first.get("nextCursor").getStringValue()));
    assertThat(ids(first)).containsExactly("inc-4a");
    assertThat(ids(second)).containsExactly("inc-4b");
  }

  @Test
  void detail_hasTimelineInSeqOrder_andActions() throws Exception {
    JsonNode d = get("/v1/incidents/inc-2");
    JsonNode incident = d.get("incident");
    assertThat(incident.get("id").getStringValue()).isEqualTo("inc-2");
    assertThat(incident.get("resourceId").getStringValue()).isEqualTo(POD);
    assertThat(incident.get("status").getStringValue()).isEqualTo("mitigating");
    assertThat(incident.get("policy").getStringValue()).isEqualTo("crashloop-pod");
    assertThat(incident.get("openedAt").getStringValue()).isEqualTo("2026-01-08T10:01:00Z");

    List<String> messages = new ArrayList<>();
    d.get("timeline").values().forEach(e -> messages.add(e.get("message").getStringValue()));
    assertThat(messages).containsExactly("incident opened", "rung 1 ran");
    assertThat(d.get("timeline").get(1).get("details").get("rung").getStringValue()).isEqualTo("1");

    List<String> actions = new ArrayList<>();
    d.get("actions")
        .values()
        .forEach(
            a ->
                actions.add(
                    a.get("action").getStringValue() + ":" + a.get("outcome").getStringValue()));
    assertThat(actions).containsExactly("k8s.deletePod:SUCCEEDED", "k8s.rolloutRestart:FAILED");
    assertThat(d.get("actions").get(0).get("params").get("replicas").getStringValue())
        .isEqualTo("2");
    // no workflow runs for it here
    assertThat(d.get("pendingApproval").isNull()).isTrue();
  }

  @Test
  void unknownIncident_is404_badStatus_is400() {
    assertThat(http.get("/v1/incidents/nope", READER).statusCode()).isEqualTo(404);
    var bad = http.get("/v1/incidents?status=exploded", READER);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"status\"");
    assertThat(http.get("/v1/incidents", null).statusCode()).isEqualTo(401);
  }
}
