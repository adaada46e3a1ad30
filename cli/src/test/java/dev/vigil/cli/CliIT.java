package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.StoredSignals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI's commands, run in-process as {@code ./vigil} runs them (same entry point, stdout and
 * stderr captured), against a real api over HTTP ({@link LocalVigil}) with seeded rows and a held
 * repair awaiting approval: tables, {@code -o json}, the exit codes and one-line errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class CliIT {
  static final String POD = "k8s/prod/payments/Pod/api-1";

  static final String CRASH = StoredSignals.crashLoopBackOff();

  LocalVigil vigil;
  Path home;
  final Instant now = Instant.now();

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.JSON.readTree(out);
    }
  }

  @BeforeAll
  void start() throws Exception {
    vigil = new LocalVigil();
    home = Files.createTempDirectory("vigil-cli-home");
    // 100 resources: 97 healthy, 1 degraded, 2 unhealthy (1 being repaired, 1 terminal)
    for (int i = 0; i < 97; i++) {
      vigil.resource(
          "k8s/prod/web/Pod/web-" + i,
          "k8s/Pod",
          "prod",
          "web",
          "Healthy",
          "[]",
          now.minus(Duration.ofDays(2)));
    }
    vigil.resource(
        "k8s/prod/web/Pod/web-slow",
        "k8s/Pod",
        "prod",
        "web",
        "Degraded",
        "[]",
        now.minusSeconds(600));
    vigil.resource(POD, "k8s/Pod", "prod", "payments", "Unhealthy", CRASH, now.minusSeconds(120));
    vigil.mitigation(POD, "AWAITING_APPROVAL", 2, "k8s.rolloutRestart", "inc-api-1");
    vigil.resource(
        "k8s/staging/shop/Pod/cart-0",
        "k8s/Pod",
        "staging",
        "shop",
        "Unhealthy",
        CRASH,
        now.minus(Duration.ofHours(3)));
    vigil.mitigation(
        "k8s/staging/shop/Pod/cart-0", "TERMINAL", 3, "k8s.rolloutRestart", "inc-cart");

    vigil.incident("inc-api-1", POD, "mitigating", now.minusSeconds(110), null);
    vigil.timeline("inc-api-1", 1, now.minusSeconds(110), "detected", "CrashLoopBackOff on api-1");
    vigil.timeline("inc-api-1", 2, now.minusSeconds(100), "action", "deleted pod api-1");
    vigil.timeline(
        "inc-api-1", 3, now.minusSeconds(60), "approval.requested", "step 3 needs approval");
    vigil.action("inc-api-1", POD, 1, "k8s.deletePod", now.minusSeconds(105));
    vigil.action("inc-api-1", POD, 2, "k8s.rolloutRestart", now.minusSeconds(80));
    vigil.incident(
        "inc-api-0",
        POD,
        "resolved",
        now.minus(Duration.ofDays(1)),
        now.minus(Duration.ofHours(20)));
    vigil.incident(
        "inc-cart",
        "k8s/staging/shop/Pod/cart-0",
        "terminal",
        now.minus(Duration.ofHours(3)),
        null);
    vigil.startRepair(POD, "crashloop-pod", "inc-api-1");
  }

  @AfterAll
  void stop() {
    if (vigil != null) {
      vigil.close();
    }
  }

  Map<String, String> env(String token) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("VIGIL_SERVER", vigil.url);
    if (token != null) {
      env.put("VIGIL_TOKEN", token);
    }
    return env;
  }

  Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        VigilCli.run(
            args, env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Run vigil(String... args) {
    return run(env(LocalVigil.OPERATOR_TOKEN), args);
  }

  @Test
  void fleet_showsTheHeadline_andCountsPerHealthAndPhase() throws Exception {
    Run r = vigil("fleet");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("97% Healthy, 1% Awaiting approval, 1% Terminal (100 resources)")
        .containsPattern("Unhealthy\\s+2\\s+2%")
        .containsPattern("TERMINAL\\s+1\\s+1%");
    assertThat(r.err()).isEmpty();

    Run json = vigil("fleet", "-o", "json");
    assertThat(json.code()).isZero();
    assertThat(json.json().path("total").asInt()).isEqualTo(100);
    assertThat(json.json().path("byHealth").path("Healthy").asInt()).isEqualTo(97);
  }

  @Test
  void getResources_filtersByHealthTypeAndCluster() throws Exception {
    Run r = vigil("get", "resources", "--health", "Unhealthy");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("ID")
        .contains("HEALTH", "SIGNALS", "REPAIR");
    assertThat(r.out())
        .containsPattern(
            "k8s/prod/payments/Pod/api-1\\s+k8s/Pod\\s+Unhealthy\\s+CrashLoopBackOff\\s+AWAITING_APPROVAL\\s+\\d\\s+2m")
        .contains("k8s/staging/shop/Pod/cart-0");

    Run json =
        vigil("get", "resources", "--health", "unhealthy", "--cluster", "staging", "-o", "json");
    assertThat(json.code()).isZero();
    assertThat(json.json()).hasSize(1);
    assertThat(json.json().get(0).path("id").asText()).isEqualTo("k8s/staging/shop/Pod/cart-0");

    Run paged = vigil("get", "resources", "--type", "k8s/Pod", "--limit", "3");
    assertThat(paged.code()).isZero();
    assertThat(paged.out().lines()).hasSize(4);
    assertThat(paged.err()).contains("more resources");
  }

  @Test
  void describeResource_showsStateSignalsTheRunningRepairAndRecentIncidents() {
    Run r = vigil("describe", "resource", POD);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Resource:     " + POD)
        .contains("Health:       Unhealthy")
        .containsPattern("CrashLoopBackOff\\s+K8sEvent\\s+critical\\s+5")
        .contains("Phase:      AWAITING_APPROVAL")
        .contains("Rung:       3")
        .contains("Incident:   inc-api-1 (mitigating)")
        .contains("Pending approval: step 3 k8s.patchResources")
        .contains("(vigil approve|reject inc-api-1 3)")
        .containsPattern("2\\s+1\\s+ACTION\\s+k8s.rolloutRestart")
        .contains("Recent incidents:")
        .contains("inc-api-0");
  }

  @Test
  void describeIncident_showsTheTimelineAndTheActions() throws Exception {
    Run r = vigil("describe", "incident", "inc-api-1");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Incident:     inc-api-1")
        .contains("Status:       mitigating")
        .contains("Pending approval: step 3 k8s.patchResources")
        .containsPattern("approval.requested\\s+MITIGATING\\s+vigil\\s+step 3 needs approval")
        .containsPattern("1\\s+1\\s+ACTION\\s+k8s.deletePod\\s+-\\s+SUCCEEDED");

    Run json = vigil("describe", "incident", "inc-api-1", "-o", "json");
    assertThat(json.json().path("timeline")).hasSize(3);
    assertThat(json.json().path("pendingApproval").path("step").asInt()).isEqualTo(3);
  }

  @Test
  void missingResource_isExit3_withOneLine() {
    Run r = vigil("describe", "resource", "k8s/prod/payments/Pod/nope");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("vigil: not found: no resource k8s/prod/payments/Pod/nope (404)\n");

    Run incident = vigil("describe", "incident", "inc-nope");
    assertThat(incident.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(incident.err()).isEqualTo("vigil: not found: no incident inc-nope (404)\n");
  }

  @Test
  void wrongToken_isExit4_withOneLineNamingWhereTheTokenCameFrom() {
    Run r = run(env("not-a-token"), "fleet");
    assertThat(r.code()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("vigil: unauthorized: ")
        .contains("(401); token from VIGIL_TOKEN");

    Run none = run(env(null), "fleet");
    assertThat(none.code()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(none.err()).contains("no token sent: set VIGIL_TOKEN");

    Run forbidden = run(env(LocalVigil.READER_TOKEN), "cancel", POD, "--reason", "not allowed to");
    assertThat(forbidden.code()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(forbidden.err()).startsWith("vigil: forbidden: ").contains("(403)");
  }

  @Test
  void configFile_givesServerAndToken() throws Exception {
    Path config = home.resolve("vigil.conf");
    Files.writeString(
        config, "# test\nserver = " + vigil.url + "\ntoken = " + LocalVigil.OPERATOR_TOKEN + "\n");
    Map<String, String> env = Map.of("HOME", home.toString());
    Run r = run(env, "fleet", "--config", config.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("97% Healthy");

    Path xdg = Files.createDirectories(home.resolve("xdg/vigil"));
    Files.copy(config, xdg.resolve("config"));
    Run fromXdg = run(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), "fleet");
    assertThat(fromXdg.code()).as(fromXdg.err()).isZero();
  }

  @Test
  void unreachableServer_isExit5() throws Exception {
    Map<String, String> env = env(LocalVigil.OPERATOR_TOKEN);
    env.put("VIGIL_SERVER", "http://127.0.0.1:" + LoopbackPorts.free());
    Run r = run(env, "fleet");
    assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err()).startsWith("vigil: cannot reach the Vigil API at http://127.0.0.1:");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void usageErrors_areExit2_withOneLine() {
    Run unknown = vigil("get", "resources", "--colour");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err())
        .isEqualTo("vigil: Unknown option: '--colour' (see 'vigil get resources --help')\n");

    Run noReason = vigil("cancel", POD);
    assertThat(noReason.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noReason.err()).contains("--reason");

    Run badHealth = vigil("get", "resources", "--health", "Sick");
    assertThat(badHealth.code()).isEqualTo(ExitCodes.USAGE);

    Run badSince = vigil("changes", "--since", "yesterday");
    assertThat(badSince.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSince.err())
        .isEqualTo("vigil: 'yesterday' is not a duration: use e.g. 90s, 15m, 1h, 7d or PT1H30M\n");

    Run serverSaysInvalid = vigil("act", POD, "k8s.explode");
    assertThat(serverSaysInvalid.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(serverSaysInvalid.err()).startsWith("vigil: invalid input: ").contains("(400)");

    Run help = vigil("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes:", "5  the server could not be reached");
  }

  @Test
  void changes_showsResourcesIncidentsAndOperatorActionsInTheWindow() throws Exception {
    // a cancel asked for (no repair runs for cart-9: 404), audited all the same
    Run cancel = vigil("cancel", "k8s/staging/shop/Pod/cart-9", "--reason", "changes test");
    assertThat(cancel.code()).isEqualTo(3);
    Run r = vigil("changes", "--since", "1h");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Resources with events (2):")
        .containsPattern("-\\s+k8s/prod/payments/Pod/api-1\\s+Unhealthy")
        .containsPattern("~\\s+k8s/prod/web/Pod/web-slow\\s+Degraded")
        .doesNotContain("cart-0")
        .contains("Incidents (1):")
        .containsPattern("\\+\\s+inc-api-1\\s+k8s/prod/payments/Pod/api-1\\s+mitigating")
        .contains("Operator actions (")
        .containsPattern(
            "ops\\s+mitigation.cancel\\s+k8s/staging/shop/Pod/cart-9\\s+not_found \\(404\\)");
    Run reader = run(env(LocalVigil.READER_TOKEN), "changes", "--since", "1h");
    assertThat(reader.code()).as(reader.err()).isZero();
    assertThat(reader.err()).contains("the token cannot read the audit log, audit:read");

    Run day = vigil("changes", "--since", "1d", "--namespace", "payments", "-o", "json");
    assertThat(day.code()).isZero();
    assertThat(day.json().path("resources")).hasSize(1);
    assertThat(day.json().path("incidents")).hasSize(2); // inc-api-1, inc-api-0 closed 20h ago
    assertThat(day.json().path("operations")).isEmpty(); // cart-9 is not in payments

    Run staging = vigil("changes", "--since", "4h", "--cluster", "staging");
    assertThat(staging.out()).contains("cart-0").doesNotContain("api-1");
  }

  @Test
  void eventsTail_followsTheStream_withFilters() throws Exception {
    CompletableFuture<Run> tail =
        CompletableFuture.supplyAsync(
            () ->
                vigil(
                    "events", "tail", "--type", "state", "--namespace", "payments", "--max", "1"));
    Thread.sleep(1500); // connected and past the first poll
    vigil.transition("k8s/prod/web/Pod/web-1", "web", "Healthy", "Unhealthy", "warning");
    vigil.transition(POD, "payments", "Healthy", "Unhealthy", "critical");
    Run r = tail.get(30, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .singleElement()
        .asString()
        .contains("state", POD, "Healthy -> Unhealthy", "CrashLoopBackOff", "(critical)");

    CompletableFuture<Run> json =
        CompletableFuture.supplyAsync(() -> vigil("events", "tail", "--max", "1", "-o", "json"));
    Thread.sleep(1500);
    vigil.transition(POD, "payments", "Unhealthy", "Healthy", "info");
    Run j = json.get(30, TimeUnit.SECONDS);
    assertThat(j.code()).isZero();
    assertThat(j.json().path("resourceId").asText()).isEqualTo(POD);
    assertThat(j.json().path("kind").asText()).isEqualTo("state");
  }

  @Test
  void act_asksForAnOperatorAction() throws Exception {
    Run r = vigil("act", POD, "k8s.deletePod", "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Resource:   " + POD).contains("State:      REQUESTED");

    Run json = vigil("act", "k8s/prod/web/Pod/web-3", "k8s.deletePod", "--dry-run", "-o", "json");
    assertThat(json.json().path("workflowId").asText())
        .startsWith("action:k8s/prod/web/Pod/web-3:");

    Run missing = vigil("act", "k8s/prod/web/Pod/ghost", "k8s.deletePod");
    assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err())
        .isEqualTo("vigil: not found: no resource k8s/prod/web/Pod/ghost (404)\n");

    Run badParam = vigil("act", POD, "k8s.deletePod", "replicas");
    assertThat(badParam.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badParam.err()).isEqualTo("vigil: parameter 'replicas' is not KEY=VALUE\n");
  }

  /** The real front door: {@code ./vigil} as a child process, with its environment. */
  Run script(String token, String... args) throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(root.resolve("vigil").toString());
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().putAll(env(token));
    pb.environment().remove("VIGIL_CONFIG");
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("./vigil " + command).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theVigilScript_runsTheCommands_withTheirExitCodes() throws Exception {
    Run fleet = script(LocalVigil.OPERATOR_TOKEN, "fleet");
    assertThat(fleet.code()).as(fleet.err()).isZero();
    assertThat(fleet.out()).startsWith("97% Healthy, 1% Awaiting approval, 1% Terminal");

    Run json =
        script(
            LocalVigil.OPERATOR_TOKEN, "get", "resources", "--health", "Unhealthy", "-o", "json");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json()).hasSize(2);

    Run missing =
        script(LocalVigil.OPERATOR_TOKEN, "describe", "resource", "k8s/prod/web/Pod/ghost");
    assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .isEqualTo("vigil: not found: no resource k8s/prod/web/Pod/ghost (404)\n");

    Run wrongToken = script("wrong", "fleet");
    assertThat(wrongToken.code()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(wrongToken.err().lines())
        .singleElement()
        .asString()
        .startsWith("vigil: unauthorized: ");

    Run usage = script(LocalVigil.OPERATOR_TOKEN, "describe", "pod", "x");
    assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @Order(Integer.MAX_VALUE) // the repair no longer awaits approval afterwards
  void approveRejectAndCancel_signalTheRunningRepair() {
    Run wrongStep = vigil("approve", "inc-api-1", "2");
    assertThat(wrongStep.code()).isEqualTo(ExitCodes.SERVER_ERROR);
    assertThat(wrongStep.err()).startsWith("vigil: conflict: ").contains("(409)");

    Run approve = vigil("approve", "inc-api-1", "3", "--comment", "go");
    assertThat(approve.code()).as(approve.err()).isZero();
    assertThat(approve.out())
        .isEqualTo(
            "approve of step 3 of incident inc-api-1: delivered to remediation:"
                + POD
                + " as ops\n");
    assertThat(vigil.signals(POD)).contains("decide:3:APPROVE:ops");

    Run noIncident = vigil("reject", "inc-nope", "1");
    assertThat(noIncident.code()).isEqualTo(ExitCodes.NOT_FOUND);

    Run notRunning = vigil("cancel", "k8s/prod/web/Pod/web-2", "--reason", "x");
    assertThat(notRunning.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(notRunning.err()).contains("no remediation is running for k8s/prod/web/Pod/web-2");
  }
}
