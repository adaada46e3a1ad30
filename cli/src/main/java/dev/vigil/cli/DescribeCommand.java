package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vigil describe resource|incident ID}. */
@Command(
    name = "describe",
    description = "One resource or incident in detail.",
    subcommands = {DescribeCommand.Resource.class, DescribeCommand.Incident.class})
public final class DescribeCommand {
  private static final int LAST_ACTIONS = 5;
  private static final int RECENT_INCIDENTS = 5;

  /**
   * State, active signals, the running repair (phase, rung, pending approval, last actions) and
   * recent incidents: {@code GET /v1/resources/{id}}, the repair's incident and the resource's
   * incidents.
   */
  @Command(
      name = "resource",
      aliases = "res",
      description =
          "A resource's state, active signals, its repair (phase, rung, pending approval, last"
              + " actions) and its recent incidents.")
  static final class Resource implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(
        paramLabel = "ID",
        description = "The resource id, e.g. k8s/prod/payments/Pod/api-1.")
    String id;

    @Override
    public void run() {
      ApiClient api = client.client();
      JsonNode resource = api.get("/v1/resources/" + ApiClient.enc(id), Map.of());
      String incidentId = Text.str(resource.path("mitigationStatus"), "incidentId");
      JsonNode incident = null;
      if (incidentId != null) {
        try {
          incident = api.get("/v1/incidents/" + ApiClient.enc(incidentId), Map.of());
        } catch (CliException e) {
          if (e.exitCode() != ExitCodes.NOT_FOUND) {
            throw e;
          }
        }
      }
      List<JsonNode> recent =
          api.list("/v1/incidents", Map.of("resourceId", id), RECENT_INCIDENTS, new boolean[1]);
      if (client.json()) {
        ObjectNode all = ApiClient.JSON.createObjectNode();
        all.set("resource", resource);
        all.set("incident", incident);
        all.set("recentIncidents", ApiClient.JSON.valueToTree(recent));
        client.printJson(all);
        return;
      }
      print(client.out(), client.now(), resource, incident, recent);
    }

    static void print(
        PrintWriter out, Instant now, JsonNode r, JsonNode incident, List<JsonNode> recent) {
      out.println("Resource:     " + Text.str(r, "id"));
      out.println("Type:         " + Text.str(r, "type"));
      out.println("Health:       " + Text.str(r, "healthState"));
      out.println("Last event:   " + Text.timeAndAge(Text.instant(r, "lastEventTimestamp"), now));
      out.println();
      if (r.path("activeSignals").isEmpty()) {
        out.println("Active signals: none");
      } else {
        out.println("Active signals:");
        Table t = new Table("REASON", "CODE", "SEVERITY", "COUNT", "LAST SEEN", "MESSAGE");
        for (JsonNode s : r.path("activeSignals")) {
          t.row(
              Text.str(s, "reason"),
              Text.str(s, "code"),
              Text.str(s, "severity"),
              s.path("count").asLong(),
              Text.age(Text.instant(s, "lastSeen"), now) + " ago",
              Text.str(s, "message"));
        }
        t.print(out, "  ");
      }
      out.println();
      JsonNode m = r.path("mitigationStatus");
      if (!m.isObject()) {
        out.println("Repair: none");
      } else {
        JsonNode detail = incident == null ? null : incident.path("incident");
        String phase = incident != null ? Text.str(incident, "livePhase") : null;
        out.println("Repair:");
        out.println("  Phase:      " + (phase != null ? phase : Text.str(m, "phase")));
        out.println("  Rung:       " + rung(m, incident));
        out.println("  Attempts:   " + m.path("attemptCount").asInt());
        out.println("  Workflow:   " + Text.str(m, "workflowId"));
        out.println(
            "  Incident:   "
                + Text.str(m, "incidentId")
                + (detail == null ? "" : " (" + Text.str(detail, "status") + ")"));
        JsonNode pending = incident == null ? null : incident.path("pendingApproval");
        if (pending != null && pending.isObject()) {
          out.println(
              "  Pending approval: step "
                  + pending.path("step").asInt()
                  + " "
                  + Text.str(pending, "action")
                  + ", expires "
                  + Text.str(pending, "expiresAt")
                  + " (vigil approve|reject "
                  + Text.str(m, "incidentId")
                  + " "
                  + pending.path("step").asInt()
                  + ")");
        } else {
          out.println("  Pending approval: none");
        }
        List<JsonNode> actions = new ArrayList<>();
        if (incident != null) {
          incident.path("actions").forEach(actions::add);
        }
        if (actions.isEmpty()) {
          out.println(
              "  Last action: "
                  + (Text.str(m, "lastAction") == null ? "none" : Text.str(m, "lastAction")));
        } else {
          out.println("  Last actions:");
          actionTable(
                  actions.subList(Math.max(0, actions.size() - LAST_ACTIONS), actions.size()), now)
              .print(out, "    ");
        }
      }
      out.println();
      if (recent.isEmpty()) {
        out.println("Recent incidents: none");
      } else {
        out.println("Recent incidents:");
        IncidentsCommand.table(recent, now).print(out, "  ");
      }
      out.flush();
    }

    /** The rung at work: the one awaiting approval, else the last action's, else "-". */
    static String rung(JsonNode m, JsonNode incident) {
      if (incident != null && incident.path("pendingApproval").isObject()) {
        return String.valueOf(incident.path("pendingApproval").path("step").asInt());
      }
      int rung = 0;
      if (incident != null) {
        for (JsonNode a : incident.path("actions")) {
          rung = Math.max(rung, a.path("rung").asInt());
        }
      }
      String last = Text.str(m, "lastAction");
      return rung > 0 ? rung + (last == null ? "" : " (" + last + ")") : "-";
    }
  }

  /** {@code GET /v1/incidents/{id}}: the incident, its timeline and its actions. */
  @Command(
      name = "incident",
      aliases = "inc",
      description = "An incident: its timeline, its actions and any step awaiting approval.")
  static final class Incident implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The incident id.")
    String id;

    @Override
    public void run() {
      JsonNode detail = client.client().get("/v1/incidents/" + ApiClient.enc(id), Map.of());
      if (client.json()) {
        client.printJson(detail);
        return;
      }
      PrintWriter out = client.out();
      Instant now = client.now();
      JsonNode i = detail.path("incident");
      out.println("Incident:     " + Text.str(i, "id"));
      out.println(
          "Resource:     " + Text.str(i, "resourceId") + " (" + Text.str(i, "resourceType") + ")");
      out.println("Cluster:      " + Text.str(i, "cluster"));
      out.println(
          "Status:       "
              + Text.str(i, "status")
              + (i.path("dryRun").asBoolean() ? " (dry run)" : ""));
      String live = Text.str(detail, "livePhase");
      out.println("Phase:        " + (live != null ? live + " (live)" : Text.str(i, "phase")));
      out.println("Severity:     " + Text.str(i, "severity"));
      out.println("Policy:       " + Text.str(i, "policy"));
      out.println("Summary:      " + Text.str(i, "summary"));
      out.println("Opened:       " + Text.timeAndAge(Text.instant(i, "openedAt"), now));
      if (Text.instant(i, "closedAt") != null) {
        out.println(
            "Closed:       "
                + Text.timeAndAge(Text.instant(i, "closedAt"), now)
                + (Text.str(i, "resolvedBy") == null ? "" : " by " + Text.str(i, "resolvedBy")));
      }
      out.println("Workflow:     " + Text.str(i, "workflowId"));
      JsonNode pending = detail.path("pendingApproval");
      if (pending.isObject()) {
        out.println(
            "Pending approval: step "
                + pending.path("step").asInt()
                + " "
                + Text.str(pending, "action")
                + ", expires "
                + Text.str(pending, "expiresAt")
                + " (vigil approve|reject "
                + Text.str(i, "id")
                + " "
                + pending.path("step").asInt()
                + ")");
      }
      out.println();
      if (detail.path("timeline").isEmpty()) {
        out.println("Timeline: empty");
      } else {
        out.println("Timeline:");
        Table t = new Table("AT", "KIND", "PHASE", "ACTOR", "MESSAGE");
        for (JsonNode e : detail.path("timeline")) {
          t.row(
              Text.str(e, "at"),
              Text.str(e, "kind"),
              Text.str(e, "phase"),
              Text.str(e, "actor"),
              Text.str(e, "message"));
        }
        t.print(out, "  ");
      }
      out.println();
      List<JsonNode> actions = new ArrayList<>();
      detail.path("actions").forEach(actions::add);
      if (actions.isEmpty()) {
        out.println("Actions: none");
      } else {
        out.println("Actions:");
        actionTable(actions, now).print(out, "  ");
      }
      out.flush();
    }
  }

  static Table actionTable(List<JsonNode> actions, Instant now) {
    Table t =
        new Table("RUNG", "TRY", "KIND", "ACTION", "PARAMS", "OUTCOME", "FINISHED", "SUMMARY");
    for (JsonNode a : actions) {
      String error = Text.str(a, "errorType");
      String summary = Text.str(a, "summary");
      if (error != null) {
        summary = error + ": " + (Text.str(a, "error") == null ? summary : Text.str(a, "error"));
      }
      t.row(
          a.path("rung").asInt(),
          a.path("attempt").asInt(),
          Text.str(a, "kind"),
          Text.str(a, "action") + (a.path("dryRun").asBoolean() ? " (dry run)" : ""),
          params(a.path("params")),
          Text.str(a, "outcome"),
          Text.instant(a, "finishedAt") == null
              ? "-"
              : Text.age(Text.instant(a, "finishedAt"), now) + " ago",
          summary);
    }
    return t;
  }

  /** {@code replicas=2,cpu=500m} or "-". */
  static String params(JsonNode params) {
    StringBuilder b = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = params.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!b.isEmpty()) {
        b.append(',');
      }
      b.append(e.getKey()).append('=').append(e.getValue().asText());
    }
    return b.isEmpty() ? "-" : b.toString();
  }
}
