package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil get incidents}: {@code GET /v1/incidents}, newest first. */
@Command(
    name = "incidents",
    aliases = {"incident", "inc"},
    description = "Incidents, newest first.")
public final class IncidentsCommand implements Runnable {
  @Mixin ClientOptions client;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "open, mitigating, resolved, failed, terminal or cancelled.")
  String status;

  @Option(names = "--resource", paramLabel = "ID", description = "Only this resource's.")
  String resource;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Show at most N incidents (default ${DEFAULT-VALUE}).")
  int limit = 50;

  @Override
  public void run() {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("status", status);
    query.put("resourceId", resource);
    boolean[] more = new boolean[1];
    List<JsonNode> items = client.client().list("/v1/incidents", query, limit, more);
    if (client.json()) {
      client.printJson(items);
    } else if (items.isEmpty()) {
      client.out().println("No incidents.");
    } else {
      table(items, client.now()).print(client.out());
    }
    if (more[0]) {
      client.err().println("(more incidents: --limit " + limit * 2 + " to see more)");
      client.err().flush();
    }
    client.out().flush();
  }

  static Table table(List<JsonNode> incidents, Instant now) {
    Table t = new Table("ID", "RESOURCE", "STATUS", "SEVERITY", "PHASE", "OPENED", "SUMMARY");
    for (JsonNode i : incidents) {
      t.row(
          Text.str(i, "id"),
          Text.str(i, "resourceId"),
          Text.str(i, "status"),
          Text.str(i, "severity"),
          Text.str(i, "phase"),
          Text.age(Text.instant(i, "openedAt"), now) + " ago",
          Text.str(i, "summary"));
    }
    return t;
  }
}
