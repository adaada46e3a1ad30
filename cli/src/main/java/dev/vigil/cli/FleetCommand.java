package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vigil fleet}: one line ("98% Healthy, 1% Mitigating, 1% Terminal") and the counts per
 * health state and per repair phase, from {@code GET /v1/fleet/summary}.
 */
@Command(
    name = "fleet",
    description = "The fleet's health: resources per health state and per repair phase.")
public final class FleetCommand implements Runnable {
  /** Phases after which nothing is being repaired: left out of the headline. */
  static final Set<String> SETTLED = Set.of("HEALTHY", "CANCELLED");

  @Mixin ClientOptions client;

  @Override
  public void run() {
    JsonNode summary = client.client().get("/v1/fleet/summary", Map.of());
    if (client.json()) {
      client.printJson(summary);
      return;
    }
    PrintWriter out = client.out();
    out.println(headline(summary) + " (" + summary.path("total").asLong() + " resources)");
    out.println();
    Table health = new Table("HEALTH", "RESOURCES", "PERCENT");
    rows(summary.path("byHealth"), summary.path("percentByHealth"), health, false);
    health.print(out);
    Table phases = new Table("REPAIR PHASE", "RESOURCES", "PERCENT");
    rows(summary.path("byPhase"), summary.path("percentByPhase"), phases, true);
    if (!phases.isEmpty()) {
      out.println();
      phases.print(out);
    }
    out.flush();
  }

  /** "98% Healthy, 1% Mitigating, 1% Terminal": healthy, then every phase still at work. */
  static String headline(JsonNode summary) {
    List<String> parts = new ArrayList<>();
    double healthy = summary.path("percentByHealth").path("Healthy").asDouble();
    parts.add(Text.percent(healthy) + " Healthy");
    Iterator<Map.Entry<String, JsonNode>> phases = summary.path("percentByPhase").fields();
    while (phases.hasNext()) {
      Map.Entry<String, JsonNode> p = phases.next();
      if (!SETTLED.contains(p.getKey()) && summary.path("byPhase").path(p.getKey()).asLong() > 0) {
        parts.add(Text.percent(p.getValue().asDouble()) + " " + Text.title(p.getKey()));
      }
    }
    if (parts.size() == 1) {
      for (String h : List.of("Degraded", "Unhealthy")) {
        if (summary.path("byHealth").path(h).asLong() > 0) {
          parts.add(Text.percent(summary.path("percentByHealth").path(h).asDouble()) + " " + h);
        }
      }
    }
    return String.join(", ", parts);
  }

  private static void rows(JsonNode counts, JsonNode percents, Table table, boolean skipZero) {
    Iterator<Map.Entry<String, JsonNode>> it = counts.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skipZero && e.getValue().asLong() == 0) {
        continue;
      }
      table.row(
          e.getKey(), e.getValue().asLong(), Text.percent(percents.path(e.getKey()).asDouble()));
    }
  }
}
