package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil changes --since 1h}: what changed recently, as a diff-like summary. Resources whose
 * last event is inside the window, marked by the health they are in now ({@code -} Unhealthy,
 * {@code ~} Degraded, {@code +} Healthy), and incidents opened ({@code +}), closed ({@code -}) or
 * updated ({@code ~}) inside it, and what operators did (the audit log's mutations, {@code GET
 * /v1/audit}, when the token has {@code audit:read}). The API has no "changed since" filter on
 * resources and incidents, so both lists are read page by page and filtered here (at most {@code
 * --scan} rows each).
 */
@Command(
    name = "changes",
    description =
        "What changed recently: resources with events, incidents opened, updated or closed, and"
            + " what operators did (the audit log, with audit:read).")
public final class ChangesCommand implements Runnable {
  static final Set<String> CLOSED = Set.of("resolved", "failed", "cancelled");

  /** Audit actions that only read: left out of "what changed". */
  static final Set<String> READS =
      Set.of(
          "resource.list",
          "resource.get",
          "incident.list",
          "incident.get",
          "action.get",
          "fleet.summary",
          "events.stream",
          "audit.list");

  @Mixin ClientOptions client;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "How far back: 90s, 15m, 1h, 7d (default ${DEFAULT-VALUE}).")
  String since = "1h";

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Only this namespace (of Kubernetes ids k8s/<cluster>/<namespace>/...).")
  String namespace;

  @Option(
      names = "--scan",
      paramLabel = "N",
      description = "Read at most N resources and N incidents (default ${DEFAULT-VALUE}).")
  int scan = 10_000;

  @Override
  public void run() {
    Duration window = Text.duration(since);
    Instant now = client.now();
    Instant cutoff = now.minus(window).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    ApiClient api = client.client();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("cluster", cluster);
    boolean[] moreResources = new boolean[1];
    List<JsonNode> resources = new ArrayList<>();
    for (JsonNode r : api.list("/v1/resources", query, scan, moreResources)) {
      Instant last = Text.instant(r, "lastEventTimestamp");
      if (last != null && !last.isBefore(cutoff) && inNamespace(Text.str(r, "id"))) {
        resources.add(r);
      }
    }
    resources.sort(
        (a, b) ->
            Text.instant(b, "lastEventTimestamp").compareTo(Text.instant(a, "lastEventTimestamp")));
    boolean[] moreIncidents = new boolean[1];
    List<JsonNode> incidents = new ArrayList<>();
    for (JsonNode i : api.list("/v1/incidents", Map.of(), scan, moreIncidents)) {
      Instant updated = Text.instant(i, "updatedAt");
      if (updated != null
          && !updated.isBefore(cutoff)
          && (cluster == null || cluster.equals(Text.str(i, "cluster")))
          && inNamespace(Text.str(i, "resourceId"))) {
        incidents.add(i);
      }
    }
    boolean[] moreAudit = new boolean[1];
    List<JsonNode> operations = new ArrayList<>();
    String auditNote = null;
    try {
      for (JsonNode a :
          api.list("/v1/audit", Map.of("since", cutoff.toString()), scan, moreAudit)) {
        if (!READS.contains(Text.str(a, "action")) && concerns(Text.str(a, "target"))) {
          operations.add(a);
        }
      }
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.UNAUTHORIZED) {
        throw e;
      }
      auditNote = "(no operator actions: the token cannot read the audit log, audit:read)";
    }
    if (client.json()) {
      ObjectNode all = ApiClient.JSON.createObjectNode();
      all.put("since", cutoff.toString());
      all.set("resources", ApiClient.JSON.valueToTree(resources));
      all.set("incidents", ApiClient.JSON.valueToTree(incidents));
      all.set("operations", ApiClient.JSON.valueToTree(operations));
      client.printJson(all);
    } else {
      print(client.out(), now, cutoff, resources, incidents);
      printOperations(client.out(), now, operations, auditNote == null);
    }
    if (auditNote != null) {
      client.err().println(auditNote);
      client.err().flush();
    }
    if (moreResources[0] || moreIncidents[0] || moreAudit[0]) {
      client.err().println("(read only the first " + scan + " rows: --scan to read more)");
      client.err().flush();
    }
  }

  void print(
      PrintWriter out,
      Instant now,
      Instant cutoff,
      List<JsonNode> resources,
      List<JsonNode> incidents) {
    out.println("Changes since " + cutoff + " (" + since + ")");
    out.println();
    if (resources.isEmpty()) {
      out.println("Resources: no events");
    } else {
      out.println("Resources with events (" + resources.size() + "):");
      Table t = new Table("", "RESOURCE", "HEALTH", "SIGNALS", "REPAIR", "LAST EVENT");
      for (JsonNode r : resources) {
        String health = Text.str(r, "healthState");
        t.row(
            switch (health == null ? "" : health) {
              case "Unhealthy" -> "-";
              case "Degraded" -> "~";
              default -> "+";
            },
            Text.str(r, "id"),
            health,
            ResourcesCommand.signals(r.path("activeSignals")),
            Text.str(r.path("mitigationStatus"), "phase"),
            Text.age(Text.instant(r, "lastEventTimestamp"), now) + " ago");
      }
      t.print(out, "  ");
    }
    out.println();
    if (incidents.isEmpty()) {
      out.println("Incidents: no changes");
    } else {
      out.println("Incidents (" + incidents.size() + "):");
      Table t = new Table("", "INCIDENT", "RESOURCE", "STATUS", "SEVERITY", "WHEN", "SUMMARY");
      for (JsonNode i : incidents) {
        Instant opened = Text.instant(i, "openedAt");
        Instant closed = Text.instant(i, "closedAt");
        String mark;
        String when;
        if (closed != null && !closed.isBefore(cutoff) && CLOSED.contains(Text.str(i, "status"))) {
          mark = "-";
          when = "closed " + Text.age(closed, now) + " ago";
        } else if (opened != null && !opened.isBefore(cutoff)) {
          mark = "+";
          when = "opened " + Text.age(opened, now) + " ago";
        } else {
          mark = "~";
          when = "updated " + Text.age(Text.instant(i, "updatedAt"), now) + " ago";
        }
        t.row(
            mark,
            Text.str(i, "id"),
            Text.str(i, "resourceId"),
            Text.str(i, "status"),
            Text.str(i, "severity"),
            when,
            Text.str(i, "summary"));
      }
      t.print(out, "  ");
    }
    out.flush();
  }

  void printOperations(PrintWriter out, Instant now, List<JsonNode> operations, boolean readable) {
    if (!readable) {
      return;
    }
    out.println();
    if (operations.isEmpty()) {
      out.println("Operator actions: none");
    } else {
      out.println("Operator actions (" + operations.size() + "):");
      Table t = new Table("WHEN", "ACTOR", "ACTION", "TARGET", "RESULT");
      for (JsonNode a : operations) {
        t.row(
            Text.age(Text.instant(a, "at"), now) + " ago",
            Text.str(a, "actor"),
            Text.str(a, "action"),
            Text.str(a, "target"),
            Text.str(a, "result") + " (" + a.path("statusCode").asInt() + ")");
      }
      t.print(out, "  ");
    }
    out.flush();
  }

  /** An audit target within --cluster/--namespace, when it is a Kubernetes id; others pass. */
  boolean concerns(String target) {
    if (target == null || !target.startsWith("k8s/")) {
      return cluster == null && namespace == null;
    }
    String[] parts = target.split("/");
    return (cluster == null || (parts.length > 1 && cluster.equals(parts[1])))
        && inNamespace(target);
  }

  /** Kubernetes ids are {@code k8s/<cluster>/<namespace>/<Kind>/<name>}. */
  boolean inNamespace(String id) {
    if (namespace == null) {
      return true;
    }
    String[] parts = id == null ? new String[0] : id.split("/");
    return parts.length >= 5 && "k8s".equals(parts[0]) && namespace.equals(parts[2]);
  }
}
