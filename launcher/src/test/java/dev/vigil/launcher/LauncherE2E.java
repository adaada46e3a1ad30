package dev.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.temporaldev.LoopbackPorts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * Starts the local launcher the way the README does: the {@link VigilDev} main in its own JVM
 * (PostgreSQL and Kafka as its child processes, the Temporal Java test server in it), on free
 * ports, with {@code --dry-run} so no Docker container is touched. Then, over HTTP with the dev
 * token only: an Alertmanager alert makes the resource Unhealthy and starts its remediation, a
 * cancel is accepted, the fleet summary adds up; SIGTERM stops the launcher cleanly and leaves no
 * PostgreSQL or Kafka process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LauncherE2E {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "dev-token";

  private final String service = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  private final String resourceId = "docker/service/" + service;
  private Path dataDir;
  private Path log;
  private int httpPort;
  private int grpcPort;
  private Process launcher;
  private DevHttp http;

  @BeforeAll
  void startLauncher() throws Exception {
    dataDir = Files.createTempDirectory("vigil-launcher-e2e");
    log = Path.of("target", "launcher-e2e.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    httpPort = LoopbackPorts.free();
    grpcPort = LoopbackPorts.free();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(VigilDev.class.getName());
    cmd.addAll(
        List.of(
            "--data-dir",
            dataDir.toString(),
            "--port",
            String.valueOf(httpPort),
            "--grpc-port",
            String.valueOf(grpcPort),
            "--pg-port",
            String.valueOf(LoopbackPorts.free()),
            "--kafka-port",
            String.valueOf(LoopbackPorts.free()),
            "--kafka-controller-port",
            String.valueOf(LoopbackPorts.free()),
            "--temporal-port",
            String.valueOf(LoopbackPorts.free()),
            "--temporal-ui-port",
            String.valueOf(LoopbackPorts.free()),
            "--no-temporal-cli",
            "--dry-run"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("VIGIL_DEV_TOKEN");
    pb.environment().remove("VIGIL_HTTP_PORT");
    // as on a machine without Docker: the launcher falls back to dry-run and the demo says so
    pb.environment().put("DOCKER_HOST", "unix://" + dataDir.resolve("no-docker.sock"));
    launcher = pb.start();
    String base = "http://127.0.0.1:" + httpPort;
    http = new DevHttp(base, TOKEN);
    try {
      Readiness.await(base, Duration.ofSeconds(150));
    } catch (IOException e) {
      throw new AssertionError(e.getMessage() + "\n--- launcher log tail ---\n" + tail(), e);
    }
  }

  @AfterAll
  void stopLauncher() throws Exception {
    if (launcher != null && launcher.isAlive()) {
      launcher.destroyForcibly();
    }
    if (dataDir != null) {
      for (ProcessHandle p : childrenOf(dataDir)) {
        p.destroyForcibly();
      }
      DevStack.wipe(dataDir);
    }
  }

  @Test
  @Order(1)
  void banner_printsUrlsPoliciesAndACurlWithTheDevToken() throws IOException {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Files.readString(log))
                    .contains(
                        "/health/readiness", "/metrics", "/openapi.yml", "/v1/ingest/alertmanager")
                    .contains("app-high-cpu: resourceType=docker/service reasons=[HighCPU]")
                    .contains("Authorization: Bearer dev-token")
                    .contains("curl -s -X POST")
                    .contains("no daemon answers at unix://", ": DRY-RUN"));
    HttpResponse<String> readiness = http.get("/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body())
        .contains("\"worker\"", "\"postgresql\"", "\"kafka\"", "\"temporal\"");
    HttpResponse<String> metrics = http.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body()).contains("vigil_");
  }

  @Test
  @Order(1)
  void banner_printsTheGrpcAddress_andItsExampleCallWorks() throws Exception {
    String address = "127.0.0.1:" + grpcPort;
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Files.readString(log))
                    .contains("gRPC            " + address)
                    .contains("./vigil grpc --server " + address + " GetFleetSummary")
                    .contains("/v1/events/ws"));
    // the example call, through the same main ./vigil grpc runs
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    int exit =
        GrpcCall.run(
            new String[] {"--server", address, "GetFleetSummary"},
            java.util.Map.of("VIGIL_TOKEN", TOKEN),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"byHealth\"").contains("\"Healthy\"");

    int refused =
        GrpcCall.run(
            new String[] {"--server", address, "GetFleetSummary"},
            java.util.Map.of("VIGIL_TOKEN", "wrong"),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused).isEqualTo(1);
    assertThat(err.toString()).contains("UNAUTHENTICATED");
  }

  @Test
  @Order(2)
  void alert_makesTheResourceUnhealthy_startsARepair_cancelIsAccepted_fleetAddsUp()
      throws Exception {
    HttpResponse<String> posted = http.post("/v1/ingest/alertmanager", highCpu());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

    String path = "/v1/resources/" + DevHttp.encode(resourceId);
    JsonNode state =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () -> {
                  HttpResponse<String> r = http.get(path);
                  return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                },
                s ->
                    s != null
                        && "Unhealthy".equals(s.path("healthState").asText())
                        && "MITIGATING".equals(s.path("mitigationStatus").path("phase").asText()));
    assertThat(state.path("activeSignals").get(0).path("reason").asText()).isEqualTo("HighCPU");
    assertThat(state.path("mitigationStatus").path("workflowId").asText())
        .isEqualTo("remediation:" + resourceId);

    // Cancel once the rung's action has finished, as an operator reading the incident would. A
    // cancel that lands in the very workflow task where the action completes makes the Java test
    // server refuse the task (ACTIVITY_UNKNOWN) and leave the workflow stuck: a test-server race
    // that a real Temporal server resolves by failing and retrying the task.
    String incidentPath =
        "/v1/incidents/"
            + DevHttp.encode(state.path("mitigationStatus").path("incidentId").asText());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              for (JsonNode action : JSON.readTree(http.get(incidentPath).body()).path("actions")) {
                if (action.hasNonNull("finishedAt")) {
                  return true;
                }
              }
              return false;
            });
    HttpResponse<String> cancel =
        http.post(path + "/mitigation/cancel", "{\"reason\":\"launcher e2e\"}");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);

    HttpResponse<String> summary = http.get("/v1/fleet/summary");
    assertThat(summary.statusCode()).isEqualTo(200);
    JsonNode fleet = JSON.readTree(summary.body());
    long total = fleet.path("total").asLong();
    long byHealth = 0;
    for (JsonNode n : fleet.path("byHealth")) {
      byHealth += n.asLong();
    }
    assertThat(total).isGreaterThanOrEqualTo(1);
    assertThat(byHealth).as(summary.body()).isEqualTo(total);
    assertThat(fleet.path("byHealth").path("Unhealthy").asLong()).isGreaterThanOrEqualTo(1);
    double percent = 0;
    for (JsonNode n : fleet.path("percentByHealth")) {
      percent += n.asDouble();
    }
    assertThat(percent).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5));

    // the cancel reaches the workflow: it ends CANCELLED
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                JSON.readTree(http.get(path).body())
                    .path("mitigationStatus")
                    .path("phase")
                    .asText(),
            "CANCELLED"::equals);
  }

  @Test
  @Order(3)
  void examples_areAcceptedByTheReceivers() throws IOException {
    Path examples = Path.of("..", "examples");
    HttpResponse<String> node =
        http.post(
            "/v1/ingest/alertmanager",
            Files.readString(examples.resolve("alertmanager/node-not-ready.json")));
    assertThat(node.statusCode()).as(node.body()).isEqualTo(202);
    HttpResponse<String> events =
        http.post(
            "/v1/ingest/k8s-events",
            Files.readString(examples.resolve("eventrouter/events.jsonl")));
    assertThat(events.statusCode()).as(events.body()).isEqualTo(202);
    assertThat(events.body()).contains("\"accepted\":2"); // the Normal event is dropped
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                http.get(
                        "/v1/resources/"
                            + DevHttp.encode("k8s/prod-eu/Node/aks-nodepool1-31718369-vmss000002"))
                    .statusCode(),
            c -> c == 200);
  }

  @Test
  @Order(4)
  void demoInDryRun_recordsWhatItWouldDo_andSaysSo() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    var scenario =
        new dev.vigil.launcher.demo.EventPulseScenario(
            new dev.vigil.launcher.demo.VigilHttp("http://127.0.0.1:" + httpPort, TOKEN),
            null,
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    String dryService = "dry-" + service;

    var outcome = scenario.success(dryService);
    var failure = scenario.failure(dryService);

    assertThat(outcome.dryRun()).isTrue();
    assertThat(outcome.incidentStatus()).isEqualTo("resolved");
    assertThat(outcome.peakReplicas()).isEqualTo(-1);
    assertThat(String.join("\n", outcome.timeline()))
        .contains("dry run: docker.scale " + dryService + " -> 2 replicas");
    JsonNode detail =
        JSON.readTree(http.get("/v1/incidents/" + DevHttp.encode(outcome.incidentId())).body());
    assertThat(detail.path("incident").path("dryRun").asBoolean()).isTrue();
    assertThat(failure).isNull();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("(DRY-RUN)")
        .contains("DRY-RUN: no Docker daemon")
        .contains("failure path skipped: it needs a Docker daemon");
  }

  @Test
  @Order(5)
  void sigterm_stopsEverythingInOrder_andLeavesNoChildProcess() throws Exception {
    List<ProcessHandle> children = new ArrayList<>(launcher.toHandle().descendants().toList());
    children.addAll(childrenOf(dataDir)); // postgres detaches from the launcher (pg_ctl)
    assertThat(children)
        .as("Kafka (child JVM) and PostgreSQL (-D %s)", dataDir)
        .anyMatch(p -> p.info().command().orElse("").endsWith("java"))
        .anyMatch(p -> p.info().command().orElse("").endsWith("postgres"));

    launcher.destroy(); // SIGTERM
    assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher exits after SIGTERM").isTrue();
    assertThat(launcher.exitValue()).isEqualTo(143);
    assertThat(Files.readString(log))
        .contains("stopped: HTTP -> worker -> consumer+relay -> Kafka -> PostgreSQL -> Temporal");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(childrenOf(dataDir)).isEmpty();
              assertThat(children).noneMatch(ProcessHandle::isAlive);
            });
  }

  private String highCpu() {
    return """
        {"version":"4","status":"firing","receiver":"vigil","groupKey":"{}:{alertname=\\"HighCPU\\"}",
         "alerts":[{"status":"firing",
           "labels":{"alertname":"HighCPU","docker_service":"%s","severity":"critical"},
           "annotations":{"summary":"CPU above 90%% for 5m"},
           "startsAt":"%s","fingerprint":"%s"}]}
        """
        .formatted(service, Instant.now(), "fp-" + service);
  }

  /** Processes (PostgreSQL, Kafka) whose command line names the data directory. */
  static List<ProcessHandle> childrenOf(Path dataDir) {
    String dir = dataDir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> !p.info().commandLine().orElse("").contains(VigilDev.class.getName()))
        .toList();
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
