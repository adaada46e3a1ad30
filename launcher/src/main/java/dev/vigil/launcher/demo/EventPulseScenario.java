package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
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
  private final Incidents incidents;
  private final DockerClient docker;
  private final PrintStream out;

  public EventPulseScenario(VigilHttp vigil, DockerClient docker, PrintStream out) {
    this.vigil = vigil;
    this.incidents = new Incidents(vigil);
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
      until("the scale-up verified", () -> incidents.actionsDone(incidentId) >= 1);
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
      until("RECOVERED", () -> "RECOVERED".equals(incidents.phase(resourceId)));
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
    Incidents.Timeline timeline = incidents.timeline(incidentId);
    timeline.print(out, path + " path" + (dryRun() ? ", DRY-RUN" : ""));
    return new DemoOutcome(
        path,
        dryRun(),
        incidentId,
        timeline.status(),
        peak,
        finalReplicas,
        timeline.lines(),
        timeline.kinds());
  }

  private String awaitIncident(String resourceId, Instant since) throws InterruptedException {
    return incidents.awaitOpened(resourceId, since, STEP_TIMEOUT);
  }

  private String status(String incidentId) {
    return incidents.status(incidentId);
  }

  private void say(String line) {
    out.println("[demo] " + line);
    out.flush();
  }

  private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
    Waits.until(what, STEP_TIMEOUT, condition);
  }
}
