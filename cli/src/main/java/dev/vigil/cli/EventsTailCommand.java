package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil events tail}: follows {@code GET /v1/events} (server-sent events), one line per
 * health transition or incident change; {@code -o json}: each event's JSON on one line.
 */
@Command(
    name = "tail",
    description =
        "Follow health transitions and incident changes as they happen (until Ctrl-C or --max).")
public final class EventsTailCommand implements Runnable {
  @Mixin ClientOptions client;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      split = ",",
      description =
          "state, incident, health.transition, incident.detected, incident.resolved, ..."
              + " (repeat or comma-separate).")
  List<String> types = new ArrayList<>();

  @Option(names = "--namespace", paramLabel = "NS", split = ",", description = "Namespaces.")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--severity",
      paramLabel = "SEV",
      split = ",",
      description = "info, warning, error, critical.")
  List<String> severities = new ArrayList<>();

  @Option(names = "--max", paramLabel = "N", description = "Stop after N events.")
  Integer max;

  @Override
  public void run() {
    if (max != null && max < 1) {
      throw new IllegalArgumentException("--max must be at least 1");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("types", String.join(",", types));
    query.put("namespaces", String.join(",", namespaces));
    query.put("severities", String.join(",", severities));
    PrintWriter out = client.out();
    int[] seen = {0};
    client.client().stream(
        "/v1/events",
        query,
        event -> {
          out.println(client.json() ? event.data() : line(event.event(), event.data()));
          out.flush();
          return max == null || ++seen[0] < max;
        });
  }

  /**
   * {@code 2026-01-08T10:00:00Z state k8s/prod/payments/Pod/api-1 Healthy -> Unhealthy
   * CrashLoopBackOff (critical)}, or for an incident change {@code ... incident incident.detected
   * k8s/... inc-1 (critical)}.
   */
  static String line(String name, String data) {
    JsonNode e;
    try {
      e = ApiClient.JSON.readTree(data);
    } catch (IOException notJson) {
      return name + " " + data;
    }
    StringBuilder b = new StringBuilder();
    Instant time = Text.instant(e, "time");
    b.append(time == null ? "-" : time.truncatedTo(ChronoUnit.SECONDS))
        .append("  ")
        .append(String.format("%-8s  ", Text.str(e, "kind")));
    String resource = Text.str(e, "resourceId");
    if ("state".equals(Text.str(e, "kind"))) {
      JsonNode p = e.path("payload");
      JsonNode o = p.path("observation");
      b.append(resource).append("  ");
      b.append(Text.str(p, "previousHealth") == null ? "?" : Text.str(p, "previousHealth"));
      b.append(" -> ").append(Text.str(o, "healthState"));
      List<String> reasons = new ArrayList<>();
      o.path("activeReasons").forEach(r -> reasons.add(r.asText()));
      if (!reasons.isEmpty()) {
        b.append("  ").append(String.join(",", reasons));
      }
    } else {
      b.append(shortType(Text.str(e, "type"))).append("  ").append(resource);
      if (Text.str(e, "incidentId") != null) {
        b.append("  ").append(Text.str(e, "incidentId"));
      }
    }
    if (Text.str(e, "severity") != null) {
      b.append(" (").append(Text.str(e, "severity")).append(')');
    }
    return b.toString();
  }

  /** {@code dev.cdevents.incident.resolved.0.2.0} as {@code incident.resolved}. */
  static String shortType(String type) {
    if (type == null) {
      return "-";
    }
    String t = type.startsWith("dev.cdevents.") ? type.substring("dev.cdevents.".length()) : type;
    return t.replaceFirst("\\.\\d+\\.\\d+\\.\\d+.*$", "");
  }
}
