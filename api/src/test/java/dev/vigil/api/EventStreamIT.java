package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.events.EventHub;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /v1/events} over HTTP: the shared poller tails a real PostgreSQL outbox (rows as
 * ingest and the incident activities write them), and each client gets what its filter allows,
 * heartbeats, resume by Last-Event-ID; a client that stops reading is dropped without slowing the
 * others.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class EventStreamIT extends ApiTestBase {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject EmbeddedServer server;
  @Inject EventHub hub;
  @Inject MeterRegistry metrics;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new java.util.HashMap<>(super.getProperties());
    p.put("vigil.api.events.buffer-size", "32");
    // 20 rows of 16 kB per 100 ms: a reading client keeps up, one that never reads cannot
    p.put("vigil.api.events.batch-size", "20");
    return p;
  }

  @BeforeAll
  void seedResources() {
    seed.resource("k8s/prod/payments/Pod/api-1", "k8s/Pod", "prod", "payments", "Unhealthy", "[]");
    seed.resource("k8s/prod/web/Pod/web-1", "k8s/Pod", "prod", "web", "Degraded", "[]");
  }

  String url(String query) {
    return server.getURL() + "/v1/events" + query;
  }

  static String observation(String resourceId, String namespace, String health, String severity) {
    return "{\"resource\":{\"id\":\""
        + resourceId
        + "\",\"type\":\"k8s/Pod\",\"cluster\":\"prod\",\"namespace\":\""
        + namespace
        + "\",\"name\":\"x\",\"labels\":{}},\"observation\":{\"eventId\":\"e-"
        + System.nanoTime()
        + "\",\"resourceId\":\""
        + resourceId
        + "\",\"healthState\":\""
        + health
        + "\",\"observedAt\":\"2026-01-08T10:00:00Z\",\"activeReasons\":[\"CrashLoopBackOff\"],"
        + "\"severity\":"
        + (severity == null ? "null" : "\"" + severity + "\"")
        + ",\"trigger\":\"CrashLoopBackOff\"},\"previousHealth\":\"Healthy\",\"policy\":null}";
  }

  static String cloudEvent(String incidentId, String type) {
    return "{\"specversion\":\"1.0\",\"id\":\"ce-"
        + System.nanoTime()
        + "\",\"source\":\"/vigil\",\"type\":\""
        + type
        + "\",\"subject\":\""
        + incidentId
        + "\",\"time\":\"2026-01-08T10:00:00Z\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"subject\":{\"id\":\""
        + incidentId
        + "\"}}}";
  }

  long maxOutboxId() {
    return ((Number) seed.query("select coalesce(max(id), 0) as m from outbox").get(0).get("m"))
        .longValue();
  }

  void awaitClients(int n) {
    await().atMost(WAIT).until(() -> hub.clientCount() == n);
  }

  @Test
  void everyClient_getsExactlyWhatItsFilterAllows() {
    try (SseClient all = new SseClient(url(""), READER, null);
        SseClient incidents = new SseClient(url("?types=incident"), READER, null);
        SseClient criticalPayments =
            new SseClient(url("?namespaces=payments&severities=critical"), READER, null);
        SseClient resolvedOnly = new SseClient(url("?types=incident.resolved"), READER, null)) {
      awaitClients(4);
      long base = maxOutboxId();
      seed.incident(
          "inc-sse", "k8s/prod/payments/Pod/api-1", "mitigating", "critical", Instant.now());
      seed.outbox(
          "observation",
          "k8s/prod/payments/Pod/api-1",
          "health.transition",
          observation("k8s/prod/payments/Pod/api-1", "payments", "Unhealthy", "critical"));
      seed.outbox(
          "observation",
          "k8s/prod/web/Pod/web-1",
          "health.transition",
          observation("k8s/prod/web/Pod/web-1", "web", "Degraded", "warning"));
      seed.outbox(
          "incident",
          "inc-sse",
          "dev.cdevents.incident.detected.0.2.0",
          cloudEvent("inc-sse", "dev.cdevents.incident.detected.0.2.0"));
      seed.outbox(
          "incident",
          "inc-sse",
          "dev.cdevents.incident.resolved.0.2.0",
          cloudEvent("inc-sse", "dev.cdevents.incident.resolved.0.2.0"));
      String s1 = Long.toString(base + 1), s2 = Long.toString(base + 2);
      String i3 = Long.toString(base + 3), i4 = Long.toString(base + 4);

      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(all.ids()).containsExactly(s1, s2, i3, i4));
      await().atMost(WAIT).untilAsserted(() -> assertThat(incidents.ids()).containsExactly(i3, i4));
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(criticalPayments.ids()).containsExactly(s1, i3, i4));
      await().atMost(WAIT).untilAsserted(() -> assertThat(resolvedOnly.ids()).containsExactly(i4));

      assertThat(all.status).isEqualTo(200);
      assertThat(all.contentType).startsWith("text/event-stream");
      SseClient.SseEvent state = all.events.get(0);
      assertThat(state.name()).isEqualTo("state");
      assertThat(state.data())
          .contains("\"kind\":\"state\"")
          .contains("\"type\":\"health.transition\"")
          .contains("\"resourceId\":\"k8s/prod/payments/Pod/api-1\"")
          .contains("\"namespace\":\"payments\"")
          .contains("\"severity\":\"critical\"")
          .contains("\"payload\":{");
      SseClient.SseEvent incident = all.events.get(2);
      assertThat(incident.name()).isEqualTo("incident");
      assertThat(incident.data())
          .contains("\"incidentId\":\"inc-sse\"")
          .contains("\"resourceId\":\"k8s/prod/payments/Pod/api-1\"")
          .contains("\"specversion\": \"1.0\"");
    }
  }

  @Test
  void heartbeatComments_arriveOnIdleStreams() {
    try (SseClient idle = new SseClient(url("?types=nothing-ever-matches"), READER, null)) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(idle.comments).contains("heartbeat"));
      assertThat(idle.events).isEmpty();
    }
  }

  @Test
  void lastEventId_replaysWhatWasMissed_thenGoesLive() {
    long base = maxOutboxId();
    for (int i = 0; i < 3; i++) {
      seed.outbox(
          "observation",
          "k8s/prod/web/Pod/web-1",
          "health.transition",
          observation("k8s/prod/web/Pod/web-1", "web", "Degraded", "warning"));
    }
    // let the poller move past the three rows first
    try (SseClient probe = new SseClient(url(""), READER, null)) {
      awaitClients(1);
      seed.outbox(
          "observation",
          "k8s/prod/web/Pod/web-1",
          "health.transition",
          observation("k8s/prod/web/Pod/web-1", "web", "Healthy", null));
      await().atMost(WAIT).until(() -> probe.ids().contains(Long.toString(base + 4)));
    }
    awaitClients(0);
    try (SseClient resumed = new SseClient(url(""), READER, Long.toString(base + 1))) {
      awaitClients(1);
      seed.outbox(
          "observation",
          "k8s/prod/web/Pod/web-1",
          "health.transition",
          observation("k8s/prod/web/Pod/web-1", "web", "Degraded", "warning"));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(resumed.ids())
                      .containsExactly(
                          Long.toString(base + 2),
                          Long.toString(base + 3),
                          Long.toString(base + 4),
                          Long.toString(base + 5)));
    }
  }

  @Test
  void slowClient_isDropped_whileOthersKeepReceiving() throws Exception {
    double droppedBefore =
        metrics.counter("vigil.events.stream.dropped", "transport", "sse").count();
    try (SseClient fast = new SseClient(url(""), READER, null);
        Socket slow = new Socket()) {
      // a client that sends its request and then never reads
      slow.setReceiveBufferSize(4096);
      slow.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort()));
      OutputStream out = slow.getOutputStream();
      out.write(
          ("GET /v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                  + "Authorization: Bearer "
                  + READER
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitClients(2);

      long base = maxOutboxId();
      int rows = 800;
      // ~13 MB of events: more than the socket buffers and the 32-event queue can hold
      seed.sql(
          "insert into outbox (kind, aggregate_id, event_type, payload)"
              + " select 'observation', 'k8s/prod/web/Pod/web-1', 'health.transition',"
              + " jsonb_build_object('n', g, 'pad', repeat('x', 16000)) from generate_series(1, ?) g",
          rows);

      await().atMost(WAIT).until(() -> hub.clientCount() == 1);
      assertThat(metrics.counter("vigil.events.stream.dropped", "transport", "sse").count())
          .isGreaterThan(droppedBefore);
      await().atMost(WAIT).until(() -> fast.ids().contains(Long.toString(base + rows)));
      assertThat(fast.ids()).hasSize(rows).doesNotHaveDuplicates();
    }
  }

  @Test
  void stream_needsStateRead() {
    try (SseClient anonymous = new SseClient(url(""), null, null)) {
      await().atMost(WAIT).until(() -> anonymous.status != 0);
      assertThat(anonymous.status).isEqualTo(401);
    }
  }
}
