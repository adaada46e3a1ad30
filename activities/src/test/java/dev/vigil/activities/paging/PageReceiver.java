package dev.vigil.activities.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP receiver (JDK {@code HttpServer} on an ephemeral 127.0.0.1 port) standing in for
 * PagerDuty's Events API v2 and for a webhook: PagerDuty cannot be reached from these machines. It
 * records every request, checks it with a validator (for PagerDuty: the Events v2 rules) and
 * answers 400 with PagerDuty's error shape when invalid, else the next scripted status (202 when
 * none is left).
 */
final class PageReceiver implements AutoCloseable {
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** A request as received. */
  record Received(String path, String authorization, JsonNode body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
  private final Function<JsonNode, List<String>> validator;
  private volatile String rejection = "Event object is invalid";

  PageReceiver(String path, Function<JsonNode, List<String>> validator) throws IOException {
    this.validator = validator;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(path, this::handle);
    server.start();
  }

  /** Validates Events API v2 bodies for the given routing key. */
  static PageReceiver pagerDuty(String routingKey) throws IOException {
    return new PageReceiver("/v2/enqueue", body -> eventsV2Errors(body, routingKey));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next answers, in order, before falling back to 202 (400s carry {@link #rejection}). */
  PageReceiver respondWith(Integer... statuses) {
    script.addAll(List.of(statuses));
    return this;
  }

  PageReceiver rejectionMessage(String message) {
    this.rejection = message;
    return this;
  }

  List<Received> received() {
    return received;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      JsonNode body = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      received.add(
          new Received(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      List<String> errors = new ArrayList<>();
      if (!"POST".equals(exchange.getRequestMethod())) {
        errors.add("method must be POST");
      }
      if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
          .startsWith("application/json")) {
        errors.add("Content-Type must be application/json");
      }
      errors.addAll(validator.apply(body));
      Integer scripted = script.poll();
      int status = !errors.isEmpty() ? 400 : scripted == null ? 202 : scripted;
      String answer =
          switch (status) {
            case 202 ->
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                    + body.path("dedup_key")
                    + "}";
            case 400 ->
                json.createObjectNode()
                    .put("status", "invalid event")
                    .put("message", rejection)
                    .set(
                        "errors", json.valueToTree(errors.isEmpty() ? List.of("rejected") : errors))
                    .toString();
            case 429 ->
                "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly.\"}";
            default -> "{\"status\":\"error\"}";
          };
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** What PagerDuty would reject in an Events API v2 body. */
  static List<String> eventsV2Errors(JsonNode body, String routingKey) {
    List<String> errors = new ArrayList<>();
    if (!routingKey.equals(body.path("routing_key").asText())) {
      errors.add("routing_key is missing or unknown");
    }
    String action = body.path("event_action").asText();
    if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
      errors.add("event_action must be trigger, acknowledge or resolve");
    }
    if (body.path("dedup_key").asText().isBlank() && !"trigger".equals(action)) {
      errors.add("dedup_key is required for " + action);
    }
    if ("trigger".equals(action)) {
      JsonNode payload = body.path("payload");
      if (payload.path("summary").asText().isBlank()
          || payload.path("summary").asText().length() > 1024) {
        errors.add("payload.summary is required (at most 1024 characters)");
      }
      if (payload.path("source").asText().isBlank()) {
        errors.add("payload.source is required");
      }
      if (!SEVERITIES.contains(payload.path("severity").asText())) {
        errors.add("payload.severity must be critical, error, warning or info");
      }
      if (payload.has("custom_details") && !payload.get("custom_details").isObject()) {
        errors.add("payload.custom_details must be an object");
      }
    }
    return errors;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
