package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil get resources}: {@code GET /v1/resources} with its filters, every page. */
@Command(
    name = "resources",
    aliases = {"resource", "res"},
    description = "Resources with their health and repair, ordered by id.")
public final class ResourcesCommand implements Runnable {
  /** The health states the API knows, as it spells them. */
  enum Health {
    Healthy,
    Degraded,
    Unhealthy
  }

  @Mixin ClientOptions client;

  @Option(names = "--health", paramLabel = "STATE", description = "Healthy, Degraded or Unhealthy.")
  Health health;

  @Option(names = "--type", paramLabel = "TYPE", description = "Resource type, e.g. k8s/Pod.")
  String type;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name.")
  String cluster;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Show at most N resources (default ${DEFAULT-VALUE}).")
  int limit = 200;

  @Override
  public void run() {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("healthState", health == null ? null : health.name());
    query.put("type", type);
    query.put("cluster", cluster);
    boolean[] more = new boolean[1];
    List<JsonNode> items = client.client().list("/v1/resources", query, limit, more);
    if (client.json()) {
      client.printJson(items);
    } else if (items.isEmpty()) {
      client.out().println("No resources.");
    } else {
      Instant now = client.now();
      Table t = new Table("ID", "TYPE", "HEALTH", "SIGNALS", "REPAIR", "ATTEMPTS", "LAST EVENT");
      for (JsonNode r : items) {
        JsonNode m = r.path("mitigationStatus");
        t.row(
            Text.str(r, "id"),
            Text.str(r, "type"),
            Text.str(r, "healthState"),
            signals(r.path("activeSignals")),
            Text.str(m, "phase"),
            m.isObject() ? m.path("attemptCount").asInt() : null,
            Text.age(Text.instant(r, "lastEventTimestamp"), now));
      }
      t.print(client.out());
    }
    if (more[0]) {
      client.err().println("(more resources: --limit " + limit * 2 + " to see more)");
      client.err().flush();
    }
    client.out().flush();
  }

  /** "CrashLoopBackOff,OOMKilled" or "-". */
  static String signals(JsonNode signals) {
    StringBuilder b = new StringBuilder();
    for (JsonNode s : signals) {
      if (!b.isEmpty()) {
        b.append(',');
      }
      b.append(s.path("reason").asText(s.path("code").asText()));
    }
    return b.isEmpty() ? "-" : b.toString();
  }
}
