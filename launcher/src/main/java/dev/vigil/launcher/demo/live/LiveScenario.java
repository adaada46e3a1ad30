package dev.vigil.launcher.demo.live;

import dev.vigil.activities.docker.ServiceLabels;
import dev.vigil.launcher.demo.DemoService;
import dev.vigil.launcher.demo.Incidents;
import dev.vigil.launcher.demo.Waits;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The EventPulse loop on the live stack. Nothing here posts an alert: the scenario only starts the
 * service and turns the load on and off; Prometheus, Alertmanager, Vigil, Docker and HAProxy do the
 * rest, and the scenario waits for each step to be visible where it happens.
 */
final class LiveScenario {
  /** Monitor samples the load stays on for after HighCPU cleared, to show it spread. */
  private static final int SPREAD_SAMPLES = 5;

  /** CPU (of a core) that shows a replica serves its share of the load. */
  private static final double BUSY = 0.1;

  private final LiveStack stack;
  private final Transcript out;
  private final Duration step;

  LiveScenario(LiveStack stack) {
    this.stack = stack;
    this.out = stack.out;
    this.step = stack.options.timings().step();
  }

  /** Load -> HighCPU -> 2 replicas, load spreads -> HighCPU clears -> load off -> LowCPU -> 1. */
  LiveOutcome success() throws Exception {
    String service = stack.options.service();
    out.line("");
    out.say("=== success path: docker service '" + service + "' under load ===");
    stack.monitor.beginPath("success path");
    DemoService app = DemoService.start(stack.docker, service, true);
    AtomicInteger peak = new AtomicInteger(1);
    try {
      awaitServing(service, app);
      Instant since = Instant.now().minusSeconds(1);
      long secondBefore = sessions(2);
      String incidentId;
      long served;
      try (LoadGenerator load = loadOn("success")) {
        incidentId = stack.incidents.awaitOpened(stack.resourceId(), since, step);
        stack.monitor.sample();
        until(
            "2 replicas running",
            () -> {
              int n = replicas();
              peak.accumulateAndGet(n, Math::max);
              return n == 2;
            });
        until("HAProxy sends requests to " + service + "-2", () -> sessions(2) > secondBefore);
        out.say(
            "load spreads: HAProxy found "
                + service
                + "-2 by its labels and sends it requests; waiting for HighCPU to clear");
        until(
            "HighCPU cleared (repair RECOVERED)",
            () -> {
              peak.accumulateAndGet(replicas(), Math::max);
              return "RECOVERED".equals(stack.incidents.phase(stack.resourceId()));
            });
        String second = service + "-2";
        until(
            "Prometheus sees " + second + " working",
            () -> stack.prometheus.cpuByContainer().getOrDefault(second, 0.0) >= BUSY);
        long seen = stack.monitor.sampleCount();
        until(
            "one more status line of the spread load",
            () -> stack.monitor.sampleCount() >= seen + 3);
        served = sessions(2) - secondBefore;
        loadOff(load);
      }
      until(
          "incident resolved (LowCPU -> revert to 1 replica)",
          () -> "resolved".equalsIgnoreCase(stack.incidents.status(incidentId)));
      until("1 replica left", () -> replicas() == 1);
      int finalReplicas = replicas();
      out.say(
          "loop closed: "
              + finalReplicas
              + " replica running, "
              + service
              + "-2 served "
              + served
              + " requests while it ran");
      return outcome("success", incidentId, peak.get(), finalReplicas, served);
    } finally {
      app.remove();
    }
  }

  /** Load -> HighCPU -> the scale-up never becomes ready -> compensation keeps 1 -> failed. */
  LiveOutcome failure() throws Exception {
    String service = stack.options.service();
    out.line("");
    out.say(
        "=== failure path: docker service '"
            + service
            + "' whose new replicas exit at once (never ready) ===");
    stack.monitor.beginPath("failure path");
    DemoService app = DemoService.start(stack.docker, service, false);
    AtomicInteger peak = new AtomicInteger(1);
    try {
      awaitServing(service, app);
      Instant since = Instant.now().minusSeconds(1);
      LiveOutcome outcome;
      try (LoadGenerator load = loadOn("failure")) {
        String incidentId;
        incidentId = stack.incidents.awaitOpened(stack.resourceId(), since, step);
        stack.monitor.sample();
        until(
            "incident failed",
            () -> {
              peak.accumulateAndGet(replicas(), Math::max);
              return "failed".equalsIgnoreCase(stack.incidents.status(incidentId));
            });
        until("1 replica left", () -> replicas() == 1);
        until(
            "the page for the failed repair",
            () -> stack.incidents.timeline(incidentId).kinds().contains("page.triggered"));
        // read while the load (and so HighCPU) is still on: once it clears, the repair ends
        outcome = outcome("failure", incidentId, peak.get(), replicas(), 0);
        out.say(
            "scale-up never ready -> compensation kept "
                + outcome.finalReplicas()
                + " replica; incident FAILED, a human is paged");
        loadOff(load);
      }
      return outcome;
    } finally {
      app.remove();
    }
  }

  private void awaitServing(String service, DemoService app) throws InterruptedException {
    out.say(
        service
            + "-1 serves on 127.0.0.1:"
            + app.basePort()
            + " (busybox httpd: /cgi-bin/work burns CPU, /cgi-bin/metrics reports its cgroup)");
    String address = "127.0.0.1:" + app.basePort();
    until("HAProxy sends traffic to " + service + "-1 at " + address, () -> up(1, address));
    until(
        "Prometheus scrapes " + service + "-1 at " + address,
        () -> stack.prometheus.scrapes(address));
    out.say("HAProxy has " + service + "-1 UP; Prometheus scrapes its CPU");
  }

  private LoadGenerator loadOn(String path) throws Exception {
    LoadProfile p = stack.options.load();
    URI target = stack.balancer.url("/cgi-bin/work?ms=" + p.workMs());
    LoadGenerator load = LoadGenerator.start(target, p, stack.dir("hey-" + path + ".log"));
    stack.monitor.mark("load on");
    out.say(
        "load ON: hey, "
            + p.workers()
            + " workers x "
            + p.perWorkerRate()
            + " req/s = "
            + p.requestsPerSecond()
            + " req/s to "
            + target
            + " (each request burns "
            + p.workMs()
            + " ms of CPU in the replica that serves it)");
    return load;
  }

  private void loadOff(LoadGenerator load) throws Exception {
    String summary = load.stop();
    stack.monitor.mark("load off");
    out.say("load OFF (the spike is over); hey: " + summary);
  }

  private LiveOutcome outcome(
      String path, String incidentId, int peak, int finalReplicas, long served) {
    Incidents.Timeline timeline = stack.incidents.timeline(incidentId);
    return new LiveOutcome(
        path, incidentId, timeline.status(), peak, finalReplicas, served, timeline);
  }

  private int replicas() {
    return stack
        .docker
        .listContainersCmd()
        .withLabelFilter(Map.of(ServiceLabels.SERVICE, stack.options.service()))
        .exec()
        .size();
  }

  private boolean up(int slot, String address) {
    return stack.balancer.servers().stream()
        .anyMatch(s -> s.slot() == slot && s.up() && s.addr().equals(address));
  }

  private long sessions(int slot) {
    return stack.balancer.servers().stream()
        .filter(s -> s.slot() == slot)
        .mapToLong(LocalHaproxy.Server::sessions)
        .sum();
  }

  /** Waits for a step, then has the monitor look at once, so what it saw prints in order. */
  private void until(String what, Supplier<Boolean> condition) throws InterruptedException {
    Waits.until(what, step, condition);
    stack.monitor.sample();
  }
}
