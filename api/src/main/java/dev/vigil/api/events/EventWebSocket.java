package dev.vigil.api.events;

import dev.vigil.api.Caller;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/events/ws}: the event stream over WebSocket. The upgrade request carries the bearer
 * token (state:read, checked by the same rules as every {@code /v1} read). The server first sends
 * {@code {"kind": "filter", ...}} (everything, until the client narrows it), then every matching
 * event as the JSON the SSE stream carries ({@code kind} {@code state} or {@code incident}). A
 * client sends filter messages ({@link FilterMessage}) at any time; each is acknowledged with the
 * filter now in force ({@code kind: filter}) or refused with {@code {"kind": "error", "detail",
 * "field"}}, the old filter staying. The server pings every {@code heartbeat}; a client that falls
 * {@code buffer-size} messages behind is closed with 4001, one over the caller's stream limit with
 * 4029.
 */
@ServerWebSocket("/v1/events/ws")
public class EventWebSocket {
  static final String STREAM = "vigil.events.stream";

  private final EventHub hub;
  private final JsonMapper json;
  private final MeterRegistry metrics;

  private final Tenancy tenancy;

  public EventWebSocket(EventHub hub, JsonMapper json, MeterRegistry metrics, Tenancy tenancy) {
    this.hub = hub;
    this.json = json;
    this.metrics = metrics;
    this.tenancy = tenancy;
  }

  @OnOpen
  @ExecuteOn(TaskExecutors.BLOCKING)
  public void onOpen(WebSocketSession session, HttpRequest<?> request) {
    Caller caller = tenancy.caller(request);
    StreamPermits.Permit permit;
    try {
      permit = hub.permit(caller, "websocket", EventFilter.ALL);
    } catch (ProblemException e) {
      count("vigil.events.stream.refused", "reason", "too_many_streams");
      session.close(new CloseReason(WebSocketStream.TOO_MANY_STREAMS, "too many event streams"));
      return;
    }
    WebSocketStream[] holder = new WebSocketStream[1];
    WebSocketStream stream =
        new WebSocketStream(
            session,
            caller.visibility(),
            hub.bufferSize(),
            () -> {
              hub.detach(holder[0]);
              permit.close();
            });
    holder[0] = stream;
    session.put(STREAM, stream);
    stream.send(acknowledgement(stream.filter()));
    hub.attach(stream);
  }

  @OnMessage
  public void onMessage(String message, WebSocketSession session) {
    WebSocketStream stream = session.get(STREAM, WebSocketStream.class).orElse(null);
    if (stream == null) {
      return;
    }
    try {
      FilterMessage filter = json.readValue(message, FilterMessage.class);
      if (filter == null) {
        throw new IOException("empty message");
      }
      EventFilter parsed =
          EventFilter.of(filter.eventTypes(), filter.namespaces(), filter.severities());
      stream.filter(parsed);
      stream.send(acknowledgement(parsed));
      count("vigil.events.ws.filters", "outcome", "accepted");
    } catch (ProblemException e) {
      stream.send(error(e.problem()));
      count("vigil.events.ws.filters", "outcome", "invalid");
    } catch (IOException | RuntimeException e) {
      stream.send(
          error(
              Problem.of(
                      "invalid-input",
                      "Invalid input",
                      400,
                      "not a filter message: send {\"eventTypes\": [...], \"namespaces\":"
                          + " [...], \"severities\": [...]}")
                  .withField("message")));
      count("vigil.events.ws.filters", "outcome", "invalid");
    }
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    session.get(STREAM, WebSocketStream.class).ifPresent(WebSocketStream::closed);
  }

  private String acknowledgement(EventFilter filter) {
    FilterMessage m = FilterMessage.of(filter);
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("kind", "filter");
    ack.put("eventTypes", m.eventTypes());
    ack.put("namespaces", m.namespaces());
    ack.put("severities", m.severities());
    return write(ack);
  }

  private String error(Problem problem) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("kind", "error");
    error.put("detail", problem.detail());
    error.put("field", problem.field());
    return write(error);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void count(String name, String tag, String value) {
    Counter.builder(name)
        .tag("transport", "websocket")
        .tag(tag, value)
        .register(metrics)
        .increment();
  }
}
