package dev.vigil.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The EventPulse scenario against a running Vigil (policy {@code app-high-cpu}): HighCPU on docker
 * service {@code app} opens an incident and {@code docker.scale} brings a second replica, checked
 * ready; HighCPU resolves, then LowCPU fires and the policy's {@code revertOn} scales back to one;
 * the incident is resolved. Failure path: the second replica never becomes ready, the compensation
 * ensures one replica, the incident fails. With {@code docker == null} (no daemon) Vigil runs in
 * dry-run: the success path shows what would be done and the failure path cannot be staged.
 */
public final class EventPulseScenario {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

  private final VigilHttp vigil;
  private final DockerClient docker;
  private final PrintStream out;

  public EventPulseScenario(VigilHttp vigil, DockerClient docker, PrintStream out) {
    this.vigil = vigil;
    this.docker = docker;
    this.out = out;
  }

  public boolean dryRun() {
    return docker == null;
  }

  /** HighCPU -> scale to 2 (ready) -> HighCPU resolved -> LowCPU -> back to 1 -> resolved. */
  public DemoOutcome success(String service) throws Exception {
    say("success path: docker service '" + service + "'" + (dryRun() ? " (DRY-RUN)" : ""));
    if (dryRun()) {
      say(
          "DRY-RUN: no Docker daemon, so docker.scale records what Vigil would do and changes"
              + " nothing");
    }
    DemoService app = dryRun() ? null : DemoService.start(docker, service, true);
    AtomicInteger peak = new AtomicInteger(dryRun() ? -1 : 1);
    try {
      if (app != null) {
        say("replica 1 of '" + service + "' serves; running replicas: " + app.runningReplicas());
      }
      String resourceId = "docker/service/" + service;
      Instant since = Instant.now().minusSeconds(1);
      Instant highStart = Instant.now();
      String highFp = "eventpulse-high-" + service + "-" + highStart.toEpochMilli();
      say("-> Alertmanager: HighCPU firing for " + service);
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert("HighCPU", service, "critical", true, highFp, highStart, null, "CPU > 90%"));
      String incidentId = awaitIncident(resourceId, since);
      say("incident " + incidentId + " opened");
      if (app != null) {
        until(
            "2 replicas running",
            () -> {
              int n = app.runningReplicas();
              peak.accumulateAndGet(n, Math::max);
              return n == 2;
            });
        say("docker.scale: 2 replicas running, the new one answered its readiness probe");
      }
      until("the scale-up verified", () -> actionsDone(incidentId) >= 1);
      say("-> Alertmanager: HighCPU resolved");
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert(
              "HighCPU",
              service,
              "critical",
              false,
              highFp,
              highStart,
              Instant.now(),
              "CPU > 90%"));
      until("RECOVERED", () -> "RECOVERED".equals(phase(resourceId)));
      say("recovered; watching for LowCPU (revertOn)");
      Instant lowStart = Instant.now();
      String lowFp = "eventpulse-low-" + service + "-" + lowStart.toEpochMilli();
      say("-> Alertmanager: LowCPU firing for " + service);
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert("LowCPU", service, "info", true, lowFp, lowStart, null, "CPU < 20%"));
      until("incident resolved", () -> "resolved".equalsIgnoreCase(status(incidentId)));
      int finalReplicas = -1;
      if (app != null) {
        until("back to 1 replica", () -> app.runningReplicas() == 1);
        finalReplicas = app.runningReplicas();
        say("reverted: " + finalReplicas + " replica running");
      }
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert(
              "LowCPU", service, "info", false, lowFp, lowStart, Instant.now(), "CPU < 20%"));
      return outcome("success", incidentId, peak.get(), finalReplicas);
    } finally {
      if (app != null) {
        app.remove();
      }
    }
  }

  /** HighCPU -> scale to 2 never ready -> compensation keeps 1 -> incident failed. */
  public DemoOutcome failure(String service) throws Exception {
    if (dryRun()) {
      say("failure path skipped: it needs a Docker daemon (a replica that never becomes ready)");
      return null;
    }
    say("failure path: docker service '" + service + "' whose new replicas never become ready");
    DemoService app = DemoService.start(docker, service, false);
    AtomicInteger peak = new AtomicInteger(1);
    try {
      String resourceId = "docker/service/" + service;
      Instant since = Instant.now().minusSeconds(1);
      Instant start = Instant.now();
      String fp = "eventpulse-fail-" + service + "-" + start.toEpochMilli();
      say("-> Alertmanager: HighCPU firing for " + service);
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert("HighCPU", service, "critical", true, fp, start, null, "CPU > 90%"));
      String incidentId = awaitIncident(resourceId, since);
      say("incident " + incidentId + " opened");
      until(
          "incident failed",
          () -> {
            peak.accumulateAndGet(app.runningReplicas(), Math::max);
            return "failed".equalsIgnoreCase(status(incidentId));
          });
      until("1 replica left", () -> app.runningReplicas() == 1);
      int finalReplicas = app.runningReplicas();
      say(
          "scale-up not ready -> compensation: "
              + finalReplicas
              + " replica running; incident FAILED");
      vigil.post(
          "/v1/ingest/alertmanager",
          Alerts.alert(
              "HighCPU", service, "critical", false, fp, start, Instant.now(), "CPU > 90%"));
      return outcome("failure", incidentId, peak.get(), finalReplicas);
    } finally {
      app.remove();
    }
  }

  private DemoOutcome outcome(String path, String incidentId, int peak, int finalReplicas) {
    JsonNode detail = vigil.getJson("/v1/incidents/" + VigilHttp.encode(incidentId));
    List<String> lines = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (JsonNode e : detail.path("timeline")) {
      kinds.add(e.path("kind").asText());
      lines.add(
          e.path("at").asText()
              + "  "
              + String.format("%-20s", e.path("kind").asText())
              + " "
              + e.path("message").asText());
    }
    String status = detail.path("incident").path("status").asText();
    out.println();
    out.println(
        "Incident "
            + incidentId
            + " ("
            + path
            + " path): "
            + status
            + (dryRun() ? ", DRY-RUN" : ""));
    lines.forEach(l -> out.println("  " + l));
    out.println();
    out.flush();
    return new DemoOutcome(path, dryRun(), incidentId, status, peak, finalReplicas, lines, kinds);
  }

  private String awaitIncident(String resourceId, Instant since) throws InterruptedException {
    String[] id = new String[1];
    until(
        "an incident for " + resourceId,
        () -> {
          JsonNode page = vigil.getJson("/v1/incidents?resourceId=" + VigilHttp.encode(resourceId));
          for (JsonNode i : page.path("items")) {
            if (Instant.parse(i.path("openedAt").asText()).isAfter(since)) {
              id[0] = i.path("id").asText();
              return true;
            }
          }
          return false;
        });
    return id[0];
  }

  private String status(String incidentId) {
    return vigil
        .getJson("/v1/incidents/" + VigilHttp.encode(incidentId))
        .path("incident")
        .path("status")
        .asText();
  }

  private int actionsDone(String incidentId) {
    int done = 0;
    for (JsonNode a :
        vigil.getJson("/v1/incidents/" + VigilHttp.encode(incidentId)).path("actions")) {
      if (!a.path("finishedAt").isNull() && !a.path("finishedAt").isMissingNode()) {
        done++;
      }
    }
    return done;
  }

  private String phase(String resourceId) {
    return vigil
        .getJson("/v1/resources/" + VigilHttp.encode(resourceId))
        .path("mitigationStatus")
        .path("phase")
        .asText();
  }

  private void say(String line) {
    out.println("[demo] " + line);
    out.flush();
  }

  private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "demo: no '" + what + "' within " + STEP_TIMEOUT + (last == null ? "" : ": " + last), last);
  }
}
