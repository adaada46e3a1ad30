package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.events.EventHub;
import dev.vigil.api.events.EventSink;
import dev.vigil.api.events.StreamPermits;
import dev.vigil.api.events.WebSocketStream;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.RawWebSocket;
import dev.vigil.api.support.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /v1/events/ws} with real WebSocket clients (the JDK's, and one on a plain socket that
 * stops reading) against a real PostgreSQL outbox: the token on the upgrade, filter messages
 * changed mid-stream, pings, the per-token stream limit shared with SSE, and a slow client closed
 * with 4001 while what the server holds for it stays within its buffer.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class EventWebSocketIT extends ApiTestBase {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final int BUFFER = 16;
  static final String PAYMENTS_POD = "k8s/prod/payments/Pod/api-1";
  static final String WEB_POD = "k8s/prod/web/Pod/web-1";

  @Inject EmbeddedServer server;
  @Inject EventHub hub;
  @Inject MeterRegistry metrics;
  @Inject JsonMapper json;
  @Inject StreamPermits permits;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new java.util.HashMap<>(super.getProperties());
    p.put("vigil.api.events.buffer-size", Integer.toString(BUFFER));
    p.put("vigil.api.events.batch-size", "20");
    p.put("vigil.api.events.max-streams-per-caller", "3");
    return p;
  }

  @BeforeAll
  void seedResources() {
    seed.resource(PAYMENTS_POD, "k8s/Pod", "prod", "payments", "Unhealthy", "[]");
    seed.resource(WEB_POD, "k8s/Pod", "prod", "web", "Degraded", "[]");
  }

  /** A JDK WebSocket client that keeps every text message, ping and the close code. */
  static final class Client implements WebSocket.Listener {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      pings.incrementAndGet();
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }
  }

  Client open(String token) {
    Client client = new Client();
    HttpClient http = HttpClient.newHttpClient();
    WebSocket.Builder builder = http.newWebSocketBuilder();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    client.socket =
        builder
            .buildAsync(URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/events/ws"), client)
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    return client;
  }

  JsonNode parse(String message) {
    try {
      return json.readValue(message, JsonNode.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(message, e);
    }
  }

  List<JsonNode> of(Client client, String kind) {
    List<JsonNode> found = new ArrayList<>();
    for (String m : client.messages) {
      JsonNode node = parse(m);
      if (kind.equals(node.get("kind").getStringValue())) {
        found.add(node);
      }
    }
    return found;
  }

  List<String> eventResources(Client client) {
    List<String> ids = new ArrayList<>();
    for (String m : client.messages) {
      JsonNode node = parse(m);
      if (node.get("resourceId") != null) {
        ids.add(node.get("resourceId").getStringValue());
      }
    }
    return ids;
  }

  void transition(String resourceId, String namespace, String severity) {
    seed.outbox(
        "observation",
        resourceId,
        "health.transition",
        EventStreamIT.observation(resourceId, namespace, "Unhealthy", severity));
  }

  long websocketClients() {
    return hub.clients().stream().filter(c -> c.transport().equals("websocket")).count();
  }

  @Test
  void filterChangedMidStream_appliesFromTheNextEvent_andEachChangeIsAcknowledged() {
    Client client = open(READER);
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 1);
    assertThat(of(client, "filter").get(0).get("eventTypes").size()).isZero();

    client.send("{\"namespaces\": [\"payments\"], \"severities\": [\"critical\"]}");
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 2);
    transition(WEB_POD, "web", "warning");
    transition(PAYMENTS_POD, "payments", "critical");
    await().atMost(WAIT).until(() -> eventResources(client).contains(PAYMENTS_POD));

    client.send("{\"eventTypes\": [\"state\"], \"namespaces\": [\"web\"]}");
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 3);
    JsonNode ack = of(client, "filter").get(2);
    assertThat(ack.get("namespaces").get(0).getStringValue()).isEqualTo("web");
    transition(PAYMENTS_POD, "payments", "critical");
    transition(WEB_POD, "web", "warning");
    await().atMost(WAIT).until(() -> eventResources(client).size() == 2);

    // the web event before the change and the payments event after it were filtered out
    assertThat(eventResources(client)).containsExactly(PAYMENTS_POD, WEB_POD);
    client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    await().atMost(WAIT).until(() -> websocketClients() == 0);
  }

  @Test
  void invalidFilter_isAnsweredWithAnError_andTheOldFilterStays() {
    Client client = open(READER);
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 1);
    client.send("{\"namespaces\": [\"web\"]}");
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 2);

    client.send("{\"severities\": [\"loud\"]}");
    client.send("not json");
    await().atMost(WAIT).until(() -> of(client, "error").size() == 2);
    assertThat(of(client, "error").get(0).get("field").getStringValue()).isEqualTo("severities");
    assertThat(of(client, "error").get(1).get("detail").getStringValue())
        .contains("not a filter message");

    transition(PAYMENTS_POD, "payments", "critical");
    transition(WEB_POD, "web", "warning");
    await().atMost(WAIT).until(() -> eventResources(client).contains(WEB_POD));
    assertThat(eventResources(client)).containsExactly(WEB_POD);
    client.socket.abort();
  }

  @Test
  void serverPings_anIdleClient() {
    Client client = open(READER);
    // heartbeat is 1 s in application-test.yml
    await().atMost(WAIT).until(() -> client.pings.get() >= 2);
    client.socket.abort();
  }

  @Test
  void upgradeWithoutAValidToken_isRefused401() {
    assertThat(handshakeStatus(catchThrowable(() -> open(null)))).isEqualTo(401);
    assertThat(handshakeStatus(catchThrowable(() -> open("not-a-token")))).isEqualTo(401);
  }

  static int handshakeStatus(Throwable refused) {
    for (Throwable t = refused; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException handshake) {
        return handshake.getResponse().statusCode();
      }
    }
    throw new AssertionError("the upgrade was not refused", refused);
  }

  @Test
  void streamsPerToken_areLimited_acrossWebSocketAndSse() {
    // ACTOR (subject dash) is used by no other test here: its 3 permits are all this test's
    Client first = open(ACTOR);
    Client second = open(ACTOR);
    try (SseClient sse = new SseClient(server.getURL() + "/v1/events", ACTOR, null)) {
      await().atMost(WAIT).until(() -> permits.held("dash") == 3);
      Client fourth = open(ACTOR);
      assertThat(fourth.closed.orTimeout(20, TimeUnit.SECONDS).join())
          .isEqualTo(WebSocketStream.TOO_MANY_STREAMS);
      try (SseClient refused = new SseClient(server.getURL() + "/v1/events", ACTOR, null)) {
        await().atMost(WAIT).until(() -> refused.status != 0);
        assertThat(refused.status).isEqualTo(429);
      }
      assertThat(permits.held("dash")).isEqualTo(3);

      first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      await().atMost(WAIT).until(() -> permits.held("dash") == 2);
      Client again = open(ACTOR);
      await().atMost(WAIT).until(() -> of(again, "filter").size() == 1);
      assertThat(permits.held("dash")).isEqualTo(3);
      assertThat(again.closed).isNotCompleted();
      again.socket.abort();
    } finally {
      second.socket.abort();
    }
  }

  @Test
  void slowClient_isClosedWith4001_andTheServerNeverHoldsMoreThanItsBufferForIt() throws Exception {
    double droppedBefore =
        metrics.counter("vigil.events.stream.dropped", "transport", "websocket").count();
    try (RawWebSocket slow =
        RawWebSocket.connect("127.0.0.1", server.getPort(), "/v1/events/ws", READER, 4096)) {
      assertThat(slow.handshakeStatus).contains("101");
      await().atMost(WAIT).until(() -> websocketClients() == 1);
      WebSocketStream stream =
          (WebSocketStream)
              hub.clients().stream()
                  .filter(c -> c.transport().equals("websocket"))
                  .findFirst()
                  .orElseThrow();

      int rows = 800;
      int pad = 16000;
      // ~13 MB of events: more than the socket buffers and a 16-message queue can hold
      seed.sql(
          "insert into outbox (kind, aggregate_id, event_type, payload)"
              + " select 'observation', ?, 'health.transition',"
              + " jsonb_build_object('n', g, 'pad', repeat('x', ?)) from generate_series(1, ?) g",
          WEB_POD,
          pad,
          rows);

      await().atMost(WAIT).until(stream::isClosed);
      await().atMost(WAIT).until(() -> websocketClients() == 0);
      // what the server held for it: its full queue and one message in the socket's hands, never
      // more, and nothing once it was closed
      assertThat(stream.highWaterMessages()).isBetween(BUFFER, BUFFER + 1);
      assertThat(stream.highWaterChars()).isLessThanOrEqualTo((BUFFER + 1) * (pad + 1024L));
      assertThat(stream.heldMessages()).isZero();
      assertThat(stream.heldChars()).isZero();
      assertThat(metrics.counter("vigil.events.stream.dropped", "transport", "websocket").count())
          .isGreaterThan(droppedBefore);

      // the client reads again: what the socket buffers held, then the close frame with 4001
      int texts = 0;
      RawWebSocket.Frame frame;
      do {
        frame = slow.next();
        if (frame.opcode() == RawWebSocket.TEXT) {
          texts++;
        }
      } while (frame.opcode() != RawWebSocket.CLOSE);
      assertThat(frame.closeCode()).isEqualTo(WebSocketStream.SLOW_CONSUMER);
      assertThat(frame.closeReason()).contains("slow consumer");
      assertThat(texts).isLessThan(rows);
    }
  }

  @Test
  void eventsAreOfferedToOtherSinks_unaffectedByADroppedOne() {
    // the SSE and WebSocket clients share one poller: after the slow one above, a fresh one works
    Client client = open(READER);
    await().atMost(WAIT).until(() -> of(client, "filter").size() == 1);
    transition(PAYMENTS_POD, "payments", "critical");
    await().atMost(WAIT).until(() -> eventResources(client).contains(PAYMENTS_POD));
    assertThat(hub.clients()).extracting(EventSink::transport).contains("websocket");
    client.socket.abort();
  }
}
