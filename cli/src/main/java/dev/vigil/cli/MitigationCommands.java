package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Signals to running repairs: {@code vigil cancel}, {@code vigil approve}, {@code vigil reject}.
 */
public final class MitigationCommands {
  private MitigationCommands() {}

  /** {@code POST /v1/resources/{id}/mitigation/cancel} (scope mitigation:write). */
  @Command(
      name = "cancel",
      description =
          "Cancel a resource's running repair: it runs its compensations and ends CANCELLED.")
  static final class Cancel implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "RESOURCE", description = "The resource id.")
    String resource;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why (recorded in the incident timeline and the audit log).")
    String reason;

    @Override
    public void run() {
      JsonNode accepted =
          client
              .client()
              .post(
                  "/v1/resources/" + ApiClient.enc(resource) + "/mitigation/cancel",
                  Map.of("reason", reason));
      print(client, accepted, "cancel of the repair of " + resource);
    }
  }

  /** {@code POST /v1/incidents/{id}/approvals/{step}} with approve (scope approval:write). */
  @Command(name = "approve", description = "Approve the step of an incident awaiting approval.")
  static final class Approve extends Decide {
    Approve() {
      super("approve");
    }
  }

  /** {@code POST /v1/incidents/{id}/approvals/{step}} with reject (scope approval:write). */
  @Command(name = "reject", description = "Reject the step of an incident awaiting approval.")
  static final class Reject extends Decide {
    Reject() {
      super("reject");
    }
  }

  abstract static class Decide implements Runnable {
    private final String decision;

    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "INCIDENT", description = "The incident id.")
    String incident;

    @Parameters(
        index = "1",
        paramLabel = "STEP",
        description = "The rung awaiting approval (pendingApproval.step, 1-based).")
    int step;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Recorded with the decision.")
    String comment;

    Decide(String decision) {
      this.decision = decision;
    }

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("decision", decision);
      if (comment != null) {
        body.put("comment", comment);
      }
      JsonNode accepted =
          client
              .client()
              .post("/v1/incidents/" + ApiClient.enc(incident) + "/approvals/" + step, body);
      print(client, accepted, decision + " of step " + step + " of incident " + incident);
    }
  }

  static void print(ClientOptions client, JsonNode accepted, String what) {
    if (client.json()) {
      client.printJson(accepted);
      return;
    }
    client
        .out()
        .println(
            what
                + ": delivered to "
                + Text.str(accepted, "workflowId")
                + " as "
                + Text.str(accepted, "by"));
    client.out().flush();
  }
}
