package dev.vigil.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The inputs the scenarios send, built as JSON trees (no hand-escaped strings). */
public final class Payloads {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /** One envelope of Vigil's own format ({@code POST /v1/ingest/signals}, or Kafka directly). */
  public static ObjectNode envelope(
      String id,
      String resourceId,
      String resourceType,
      String reason,
      String severity,
      String status,
      Instant observedAt) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", id);
    e.put("source", "faults");
    e.put("resourceId", resourceId);
    e.put("resourceType", resourceType);
    e.put("cluster", "faults");
    e.put("code", "Alert");
    e.put("reason", reason);
    e.put("severity", severity);
    e.put("status", status);
    e.put("message", "fault suite");
    e.put("observedAt", observedAt.toString());
    return e;
  }

  /** An Alertmanager webhook (version 4) body with one alert. */
  public static ObjectNode alertmanagerWebhook(
      Map<String, String> labels, String status, Instant startsAt) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", "4");
    body.put("status", status);
    body.put("receiver", "vigil");
    body.put("groupKey", "{}:{}");
    ObjectNode groupLabels = body.putObject("groupLabels");
    groupLabels.put("alertname", labels.get("alertname"));
    body.putObject("commonLabels").setAll(labelsNode(labels));
    body.putObject("commonAnnotations");
    body.put("externalURL", "http://alertmanager.faults:9093");
    ArrayNode alerts = body.putArray("alerts");
    ObjectNode alert = alerts.addObject();
    alert.put("status", status);
    alert.set("labels", labelsNode(labels));
    alert.putObject("annotations").put("summary", "fault suite");
    alert.put("startsAt", startsAt.toString());
    alert.put(
        "endsAt", status.equals("resolved") ? Instant.now().toString() : "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus.faults:9090/graph");
    alert.put("fingerprint", Integer.toHexString(labels.hashCode()));
    return body;
  }

  /** An alert as Prometheus posts it to Alertmanager's API. */
  public static ObjectNode prometheusAlert(Map<String, String> labels, Instant startsAt) {
    ObjectNode alert = JSON.createObjectNode();
    alert.set("labels", labelsNode(labels));
    alert.putObject("annotations").put("summary", "fault suite");
    alert.put("startsAt", startsAt.toString());
    alert.put("generatorURL", "http://prometheus.faults:9090/graph");
    return alert;
  }

  private static ObjectNode labelsNode(Map<String, String> labels) {
    ObjectNode node = JSON.createObjectNode();
    labels.forEach(node::put);
    return node;
  }

  public static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code count} of each active signal of a resource row, by reason. */
  public static Map<String, Long> countsByReason(Object activeSignalsJson) {
    Map<String, Long> counts = new HashMap<>();
    try {
      for (JsonNode signal : JSON.readTree(activeSignalsJson.toString())) {
        counts.merge(signal.path("reason").asText(), signal.path("count").asLong(), Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
