package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.api.events.EventHub;
import dev.vigil.api.grpc.GrpcServer;
import dev.vigil.api.grpc.v1.Event;
import dev.vigil.api.grpc.v1.GetActionStatusRequest;
import dev.vigil.api.grpc.v1.GetClusterInfoRequest;
import dev.vigil.api.grpc.v1.GetFleetSummaryRequest;
import dev.vigil.api.grpc.v1.GetIncidentRequest;
import dev.vigil.api.grpc.v1.GetResourceRequest;
import dev.vigil.api.grpc.v1.ListIncidentsRequest;
import dev.vigil.api.grpc.v1.ListResourcesRequest;
import dev.vigil.api.grpc.v1.StreamEventsRequest;
import dev.vigil.api.grpc.v1.VigilServiceGrpc;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.api.support.SseClient;
import dev.vigil.web.security.HashedTokenValidator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Tenancy over every transport, with two orgs and their tokens against a real PostgreSQL: {@code
 * acme} owns the clusters {@code eu-1} and {@code us-1} (by {@code vigil.tenancy.cluster-orgs}),
 * {@code beta} the cluster {@code lab} and one {@code eu-1} resource labelled {@code
 * vigil.dev/org=beta} (the label wins over the cluster). The acme token is a hashed token with
 * {@code org:acme} among its scopes; the beta token is a signed JWT with the claim {@code orgs}.
 * Each sees only its org in REST lists and reads, the fleet summary, SSE, WebSocket and gRPC
 * (lists, reads, the event stream); the other org's resources and incidents answer 404, exactly as
 * a missing one; mutations on them are refused before any signal; and the audit log records every
 * read with who, what and how it ended ({@code out_of_scope} for a cross-org probe).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TenancyIT extends ApiTestBase {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String JWT_SECRET = "a-tenancy-secret-that-is-at-least-256-bits-long!";
  static final String ACME = "acme-token";
  static final String ACME_EU = "acme-eu-token";
  static final String ADMIN = "admin-token";

  static final String ACME_EU_POD = "k8s/eu-1/payments/Pod/api-1";
  static final String ACME_US_POD = "k8s/us-1/payments/Pod/api-2";
  static final String BETA_LAB_POD = "k8s/lab/web/Pod/web-1";
  static final String BETA_LABELLED = "k8s/eu-1/research/Pod/model-1";
  static final String DEFAULT_POD = "k8s/elsewhere/misc/Pod/m-1";

  @Inject EmbeddedServer server;
  @Inject GrpcServer grpc;
  @Inject EventHub hub;
  @Inject AuditedReads reads;
  @Inject JsonMapper json;
  Http http;
  ManagedChannel channel;
  String beta;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("vigil.tenancy.cluster-orgs", "eu-1=acme, us-1=acme, lab=beta");
    p.put(
        "vigil.security.token-list",
        "acme:"
            + HashedTokenValidator.sha256Hex(ACME)
            + ":state:read,mitigation:write,approval:write,action:write,audit:read,org:acme;"
            + "acme-eu:"
            + HashedTokenValidator.sha256Hex(ACME_EU)
            + ":state:read,org:acme,cluster:eu-1;"
            + "admin:"
            + HashedTokenValidator.sha256Hex(ADMIN)
            + ":state:read,audit:read,org:*");
    p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT_SECRET);
    p.put("micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256");
    return p;
  }

  @BeforeAll
  void seedTwoOrgs() throws Exception {
    http = new Http("http://127.0.0.1:" + server.getPort());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .subject("beta-dash")
                .claim("scope", "state:read mitigation:write approval:write")
                .claim("orgs", List.of("beta"))
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(3600)))
                .build());
    jwt.sign(new MACSigner(JWT_SECRET));
    beta = jwt.serialize();

    seed.resource(ACME_EU_POD, "k8s/Pod", "eu-1", "payments", "Unhealthy", "[]");
    seed.resource(ACME_US_POD, "k8s/Pod", "us-1", "payments", "Healthy", "[]");
    seed.resource(BETA_LAB_POD, "k8s/Pod", "lab", "web", "Unhealthy", "[]");
    seed.resource(BETA_LABELLED, "k8s/Pod", "eu-1", "research", "Degraded", "[]");
    seed.sql(
        "update resource_state set labels = cast(? as jsonb) where id = ?",
        "{\"vigil.dev/org\": \"beta\"}",
        BETA_LABELLED);
    seed.resource(DEFAULT_POD, "k8s/Pod", "elsewhere", "misc", "Healthy", "[]");
    seed.incident("inc-acme", ACME_EU_POD, "mitigating", "critical", Instant.now());
    seed.incident("inc-beta", BETA_LAB_POD, "mitigating", "critical", Instant.now());
    // an operator action on a beta resource, already ended (its status comes from this row)
    seed.sql(
        "insert into operator_action (id, workflow_id, resource_id, action, target, dry_run,"
            + " require_approval, state, seq, requested_by, requested_at, updated_at)"
            + " values ('act-beta', ?, ?, 'k8s.deletePod', 'self', false, false, 'SUCCEEDED', 3,"
            + " 'beta-dash', now(), now())",
        "action:" + BETA_LAB_POD + ":act-beta",
        BETA_LAB_POD);
  }

  @AfterAll
  void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  // ---- REST reads -------------------------------------------------------------------------------

  @Test
  void resourceLists_showEachTokenOnlyItsOrg() {
    assertThat(resourceIds(ACME)).containsExactly(ACME_EU_POD, ACME_US_POD);
    assertThat(resourceIds(beta)).containsExactly(BETA_LABELLED, BETA_LAB_POD);
    // a token without org claims sees the default org: resources no mapping names
    assertThat(resourceIds(READER)).containsExactly(DEFAULT_POD);
    // org:acme narrowed to cluster:eu-1; the eu-1 resource labelled beta stays beta's
    assertThat(resourceIds(ACME_EU)).containsExactly(ACME_EU_POD);
    // a filter cannot widen the view
    assertThat(ids(http.get("/v1/resources?cluster=lab", ACME))).isEmpty();
  }

  @Test
  void anotherOrgsResourceOrIncident_answers404_exactlyAsAMissingOne() {
    HttpResponse<String> crossOrg = http.get("/v1/resources/" + enc(BETA_LAB_POD), ACME);
    HttpResponse<String> missing = http.get("/v1/resources/" + enc("k8s/x/y/Pod/none"), ACME);
    assertThat(crossOrg.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(tree(crossOrg.body()).get("title").getStringValue())
        .isEqualTo(tree(missing.body()).get("title").getStringValue());
    assertThat(http.get("/v1/resources/" + enc(BETA_LAB_POD), beta).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/resources/" + enc(ACME_EU_POD), ACME).statusCode()).isEqualTo(200);

    assertThat(http.get("/v1/incidents/inc-beta", ACME).statusCode()).isEqualTo(404);
    assertThat(http.get("/v1/incidents/inc-beta", beta).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/incidents/inc-acme", beta).statusCode()).isEqualTo(404);

    assertThat(http.get("/v1/actions/act-beta", ACME).statusCode()).isEqualTo(404);
    assertThat(http.get("/v1/actions/act-beta", beta).statusCode()).isEqualTo(200);
  }

  @Test
  void incidentListsAndFleetSummary_countOnlyTheTokensOrg() {
    assertThat(ids(http.get("/v1/incidents", ACME))).containsExactly("inc-acme");
    assertThat(ids(http.get("/v1/incidents", beta))).containsExactly("inc-beta");
    assertThat(ids(http.get("/v1/incidents?resourceId=" + enc(BETA_LAB_POD), ACME))).isEmpty();

    JsonNode acme = tree(http.get("/v1/fleet/summary", ACME).body());
    assertThat(acme.get("total").getLongValue()).isEqualTo(2);
    assertThat(acme.get("byHealth").get("Unhealthy").getLongValue()).isEqualTo(1);
    assertThat(acme.get("byHealth").get("Healthy").getLongValue()).isEqualTo(1);
    JsonNode betaSummary = tree(http.get("/v1/fleet/summary", beta).body());
    assertThat(betaSummary.get("total").getLongValue()).isEqualTo(2);
    assertThat(betaSummary.get("byHealth").get("Degraded").getLongValue()).isEqualTo(1);
  }

  // ---- mutations --------------------------------------------------------------------------------

  @Test
  void mutationsOnAnotherOrgsResources_areRefused_andAuditedAsOutOfScope() {
    HttpResponse<String> cancel =
        http.post(
            "/v1/resources/" + enc(BETA_LAB_POD) + "/mitigation/cancel",
            ACME,
            "{\"reason\": \"probe\"}");
    HttpResponse<String> approve =
        http.post("/v1/incidents/inc-beta/approvals/1", ACME, "{\"decision\": \"approve\"}");
    HttpResponse<String> act =
        http.post(
            "/v1/resources/" + enc(BETA_LAB_POD) + "/actions",
            ACME,
            "{\"action\": \"k8s.deletePod\"}");
    assertThat(List.of(cancel.statusCode(), approve.statusCode(), act.statusCode()))
        .containsOnly(404);

    assertThat(
            seed.query(
                "select action, target, result, status_code from audit_log where actor = 'acme'"
                    + " and action in ('mitigation.cancel', 'approval.decide', 'action.request')"
                    + " order by id"))
        .extracting(r -> r.get("action") + " " + r.get("target") + " " + r.get("result"))
        .containsExactly(
            "mitigation.cancel " + BETA_LAB_POD + " out_of_scope",
            "approval.decide inc-beta/approvals/1 out_of_scope",
            "action.request " + BETA_LAB_POD + " out_of_scope");
  }

  // ---- streams ----------------------------------------------------------------------------------

  @Test
  void everyStream_deliversOnlyTheTokensOrg() throws Exception {
    List<String> acmeWs = new CopyOnWriteArrayList<>();
    List<String> betaWs = new CopyOnWriteArrayList<>();
    List<Event> acmeGrpc = new CopyOnWriteArrayList<>();
    List<Event> betaGrpc = new CopyOnWriteArrayList<>();
    try (SseClient acmeSse = new SseClient(eventsUrl(), ACME, null);
        SseClient betaSse = new SseClient(eventsUrl(), beta, null)) {
      WebSocket acmeSocket = webSocket(ACME, acmeWs);
      WebSocket betaSocket = webSocket(beta, betaWs);
      stream(ACME, acmeGrpc);
      stream(beta, betaGrpc);
      await().atMost(WAIT).until(() -> hub.clientCount() == 6);

      long base = maxOutboxId();
      seed.outbox("observation", ACME_EU_POD, "health.transition", observation(ACME_EU_POD));
      seed.outbox("observation", BETA_LAB_POD, "health.transition", observation(BETA_LAB_POD));
      seed.outbox("observation", BETA_LABELLED, "health.transition", observation(BETA_LABELLED));
      seed.outbox(
          "incident", "inc-acme", "dev.cdevents.incident.detected.0.2.0", cloudEvent("inc-acme"));
      seed.outbox(
          "incident", "inc-beta", "dev.cdevents.incident.detected.0.2.0", cloudEvent("inc-beta"));
      seed.outbox("observation", DEFAULT_POD, "health.transition", observation(DEFAULT_POD));
      List<String> acmeIds = List.of(Long.toString(base + 1), Long.toString(base + 4));
      List<String> betaIds =
          List.of(Long.toString(base + 2), Long.toString(base + 3), Long.toString(base + 5));

      // the last row (default org) reaches nobody here; wait until every stream passed it
      await().atMost(WAIT).untilAsserted(() -> assertThat(acmeSse.ids()).isEqualTo(acmeIds));
      await().atMost(WAIT).untilAsserted(() -> assertThat(betaSse.ids()).isEqualTo(betaIds));
      await().atMost(WAIT).untilAsserted(() -> assertThat(wsIds(acmeWs)).isEqualTo(acmeIds));
      await().atMost(WAIT).untilAsserted(() -> assertThat(wsIds(betaWs)).isEqualTo(betaIds));
      await().atMost(WAIT).untilAsserted(() -> assertThat(grpcIds(acmeGrpc)).isEqualTo(acmeIds));
      await().atMost(WAIT).untilAsserted(() -> assertThat(grpcIds(betaGrpc)).isEqualTo(betaIds));
      acmeSocket.abort();
      betaSocket.abort();
    }
  }

  // ---- gRPC -------------------------------------------------------------------------------------

  @Test
  void grpcReads_showEachTokenOnlyItsOrg() {
    assertThat(as(ACME).listResources(ListResourcesRequest.getDefaultInstance()).getItemsList())
        .extracting(r -> r.getId())
        .containsExactly(ACME_EU_POD, ACME_US_POD);
    assertThat(as(beta).listResources(ListResourcesRequest.getDefaultInstance()).getItemsList())
        .extracting(r -> r.getId())
        .containsExactly(BETA_LABELLED, BETA_LAB_POD);
    assertThat(as(ACME).listIncidents(ListIncidentsRequest.getDefaultInstance()).getItemsList())
        .extracting(i -> i.getId())
        .containsExactly("inc-acme");
    assertThat(as(beta).getFleetSummary(GetFleetSummaryRequest.getDefaultInstance()).getTotal())
        .isEqualTo(2);
    assertThat(
            as(ACME).getClusterInfo(GetClusterInfoRequest.getDefaultInstance()).getClustersList())
        .extracting(c -> c.getName() + "=" + c.getResources())
        .containsExactly("eu-1=1", "us-1=1");
    assertThat(
            as(beta)
                .getActionStatus(
                    GetActionStatusRequest.newBuilder().setActionId("act-beta").build())
                .getState())
        .isEqualTo("SUCCEEDED");
    assertThat(
            catchThrowableOfType(
                    StatusRuntimeException.class,
                    () ->
                        as(ACME)
                            .getActionStatus(
                                GetActionStatusRequest.newBuilder()
                                    .setActionId("act-beta")
                                    .build()))
                .getStatus()
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            catchThrowableOfType(
                    StatusRuntimeException.class,
                    () ->
                        as(ACME)
                            .getResource(
                                GetResourceRequest.newBuilder().setId(BETA_LAB_POD).build()))
                .getStatus()
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            catchThrowableOfType(
                    StatusRuntimeException.class,
                    () ->
                        as(beta)
                            .getIncident(GetIncidentRequest.newBuilder().setId("inc-acme").build()))
                .getStatus()
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  // ---- audit ------------------------------------------------------------------------------------

  @Test
  void readsAreAudited_withWhoWhatAndHowTheyEnded() {
    reads.flush();
    long before =
        ((Number) seed.query("select coalesce(max(id), 0) as m from audit_log").get(0).get("m"))
            .longValue();
    http.get("/v1/resources?healthState=Unhealthy", ACME);
    http.get("/v1/resources/" + enc(BETA_LAB_POD), ACME);
    http.get("/v1/incidents/inc-acme", ACME);
    http.get("/v1/fleet/summary", beta);
    as(beta).getResource(GetResourceRequest.newBuilder().setId(BETA_LAB_POD).build());
    reads.flush();

    List<String> rows = new ArrayList<>();
    for (Map<String, Object> r :
        seed.query(
            "select actor, action, target, request::text as request, result, status_code"
                + " from audit_log where id > ? and action not like 'events.%' order by id",
            before)) {
      rows.add(
          r.get("actor")
              + " "
              + r.get("action")
              + " "
              + r.get("target")
              + " "
              + r.get("result")
              + " "
              + r.get("status_code"));
    }
    assertThat(rows)
        .containsExactly(
            "acme resource.list resources ok 200",
            "acme resource.get " + BETA_LAB_POD + " out_of_scope 404",
            "acme incident.get inc-acme ok 200",
            "beta-dash fleet.summary fleet ok 200",
            "beta-dash resource.get " + BETA_LAB_POD + " ok 200");
    assertThat(
            seed.query(
                    "select request::text as q from audit_log where actor = 'acme'"
                        + " and action = 'resource.list' and id > ?",
                    before)
                .get(0)
                .get("q")
                .toString())
        .contains("\"healthState\": \"Unhealthy\"");
  }

  @Test
  void auditLog_showsAnOrgsTokenItsOwnRowsAndThoseAboutItsOrg_andAnAdminEverything() {
    String since = Instant.now().minusSeconds(5).toString();
    http.get("/v1/resources/" + enc(ACME_US_POD), ACME_EU); // acme-eu: cluster eu-1 only
    http.get("/v1/resources/" + enc(BETA_LAB_POD), beta);
    http.get("/v1/incidents/inc-acme", ACME);
    reads.flush();

    List<String> acme = auditRows(ACME, since);
    assertThat(acme)
        .contains(
            "acme-eu resource.get " + ACME_US_POD + " out_of_scope",
            "acme incident.get inc-acme ok")
        // beta's own business stays beta's; its probes of acme's data are acme's business
        .doesNotContain("beta-dash resource.get " + BETA_LAB_POD + " ok")
        .allMatch(
            r ->
                r.startsWith("acme")
                    || r.contains("acme")
                    || r.contains("/eu-1/")
                    || r.contains("/us-1/"));
    assertThat(auditRows(ADMIN, since))
        .contains(
            "beta-dash resource.get " + BETA_LAB_POD + " ok",
            "acme-eu resource.get " + ACME_US_POD + " out_of_scope");
    // reading the audit log is audited, and needs audit:read
    reads.flush();
    assertThat(auditRows(ADMIN, since)).anyMatch(r -> r.startsWith("acme audit.list audit ok"));
    assertThat(http.get("/v1/audit", READER).statusCode()).isEqualTo(403);
    assertThat(http.get("/v1/audit?since=yesterday", ADMIN).statusCode()).isEqualTo(400);
  }

  List<String> auditRows(String token, String since) {
    HttpResponse<String> r = http.get("/v1/audit?limit=500&since=" + since, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    for (JsonNode item : tree(r.body()).get("items").values()) {
      rows.add(
          item.get("actor").getStringValue()
              + " "
              + item.get("action").getStringValue()
              + " "
              + item.get("target").getStringValue()
              + " "
              + item.get("result").getStringValue());
    }
    return rows;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  List<String> resourceIds(String token) {
    return ids(http.get("/v1/resources", token));
  }

  List<String> ids(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode item : tree(response.body()).get("items").values()) {
      ids.add(item.get("id").getStringValue());
    }
    return ids;
  }

  JsonNode tree(String body) {
    try {
      return json.readValue(body, JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError(body, e);
    }
  }

  String eventsUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/v1/events";
  }

  long maxOutboxId() {
    return ((Number) seed.query("select coalesce(max(id), 0) as m from outbox").get(0).get("m"))
        .longValue();
  }

  static String observation(String resourceId) {
    return EventStreamIT.observation(resourceId, "ns", "Unhealthy", "critical");
  }

  static String cloudEvent(String incidentId) {
    return EventStreamIT.cloudEvent(incidentId, "dev.cdevents.incident.detected.0.2.0");
  }

  WebSocket webSocket(String token, List<String> ids) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/events/ws"),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  ids.add(partial.toString());
                  partial.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
  }

  /** The outbox ids of a WebSocket's event messages (its filter acknowledgement has none). */
  List<String> wsIds(List<String> messages) {
    List<String> ids = new ArrayList<>();
    for (String m : messages) {
      JsonNode node = tree(m);
      if (node.get("kind") != null && node.get("id") != null && node.get("payload") != null) {
        ids.add(Long.toString(node.get("id").getLongValue()));
      }
    }
    return ids;
  }

  static List<String> grpcIds(List<Event> events) {
    return events.stream().map(e -> Long.toString(e.getId())).toList();
  }

  VigilServiceGrpc.VigilServiceBlockingStub as(String token) {
    return VigilServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  void stream(String token, List<Event> into) {
    VigilServiceGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
        .streamEvents(
            StreamEventsRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(Event event) {
                into.add(event);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
  }

  static Metadata bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return headers;
  }
}
