package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import picocli.CommandLine.Parameters;

/**
 * {@code vigil act RESOURCE ACTION [key=value ...]}: {@code POST /v1/resources/{id}/actions} (scope
 * action:write); with {@code --wait}, follows {@code GET /v1/actions/{id}} to its end.
 */
@Command(
    name = "act",
    description =
        "Run one action of the catalog on a resource (docker.scale, docker.restart, k8s.deletePod,"
            + " k8s.rolloutRestart, k8s.scale, k8s.cordon, k8s.uncordon, k8s.drain,"
            + " k8s.patchResources) through the storm guard, as a repair rung would.")
public final class ActCommand implements Runnable {
  static final Set<String> BAD_ENDS = Set.of("FAILED", "REJECTED", "EXPIRED", "CANCELLED");

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "RESOURCE", description = "The resource id.")
  String resource;

  @Parameters(index = "1", paramLabel = "ACTION", description = "e.g. docker.scale.")
  String action;

  @Parameters(
      index = "2..*",
      paramLabel = "KEY=VALUE",
      description = "The action's parameters, e.g. replicas=2.")
  List<String> params = new ArrayList<>();

  @Option(names = "--dry-run", description = "Record what would be done; change nothing.")
  boolean dryRun;

  @Option(
      names = "--require-approval",
      description = "Wait for an approval (POST /v1/actions/{id}/approval) before acting.")
  boolean requireApproval;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "self (default), owner (a pod's workload) or node.")
  String target;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      arity = "0..1",
      fallbackValue = "5m",
      description =
          "Wait until the action ends (at most DURATION, default 5m); exit 1 if it did not succeed.")
  String waitFor;

  @Override
  public void run() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    if (target != null) {
      body.put("target", target);
    }
    body.put("params", parse(params));
    body.put("dryRun", dryRun);
    body.put("requireApproval", requireApproval);
    Duration wait = waitFor == null ? null : Text.duration(waitFor);
    ApiClient api = client.client();
    JsonNode started = api.post("/v1/resources/" + ApiClient.enc(resource) + "/actions", body);
    JsonNode last = started;
    if (wait != null) {
      Instant deadline = Instant.now().plus(wait);
      String id = Text.str(started, "id");
      while (!last.path("finished").asBoolean() && Instant.now().isBefore(deadline)) {
        sleep();
        last = api.get("/v1/actions/" + ApiClient.enc(id), Map.of());
      }
    }
    if (client.json()) {
      client.printJson(last);
    } else {
      print(client.out(), last);
    }
    if (wait != null) {
      if (!last.path("finished").asBoolean()) {
        throw new CliException(
            ExitCodes.SERVER_ERROR,
            "action "
                + Text.str(last, "id")
                + " is still "
                + Text.str(last, "state")
                + " after "
                + waitFor);
      }
      if (BAD_ENDS.contains(Text.str(last, "state"))) {
        throw new CliException(
            ExitCodes.SERVER_ERROR,
            "action "
                + Text.str(last, "id")
                + " ended "
                + Text.str(last, "state")
                + (Text.str(last, "errorType") == null
                    ? ""
                    : " (" + Text.str(last, "errorType") + ")")
                + ": "
                + Text.str(last, "message"));
      }
    }
  }

  static Map<String, String> parse(List<String> params) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("parameter '" + p + "' is not KEY=VALUE");
      }
      map.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return map;
  }

  static void print(PrintWriter out, JsonNode a) {
    out.println(
        "Action:     " + Text.str(a, "id") + (a.path("dryRun").asBoolean() ? " (dry run)" : ""));
    out.println("Resource:   " + Text.str(a, "resourceId"));
    out.println(
        "Does:       "
            + Text.str(a, "action")
            + " "
            + DescribeCommand.params(a.path("params"))
            + " on "
            + Text.str(a, "target"));
    out.println("State:      " + Text.str(a, "state"));
    if (Text.str(a, "outcome") != null) {
      out.println("Outcome:    " + Text.str(a, "outcome"));
    }
    if (Text.str(a, "errorType") != null) {
      out.println("Error:      " + Text.str(a, "errorType"));
    }
    out.println("Message:    " + Text.str(a, "message"));
    out.println("Workflow:   " + Text.str(a, "workflowId"));
    out.flush();
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.SERVER_ERROR, "interrupted");
    }
  }
}
