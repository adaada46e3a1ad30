package dev.vigil.launcher.demo.live;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.vigil.activities.docker.ServiceLabels;
import dev.vigil.launcher.demo.Incidents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Watches the live loop from the outside and says what changes as it changes: the replicas Docker
 * runs, each replica's CPU as Prometheus computes it for the rules, each replica's requests per
 * second as HAProxy counts them, the alerts Prometheus holds, and the incident Vigil opened with
 * each new timeline entry. Keeps the samples and the moments worth marking for the chart.
 */
final class LiveMonitor implements AutoCloseable {
  /** How often a status line (CPU and load per replica) is printed. */
  private static final double STATUS_EVERY_SECONDS = 5;

  /** Request rates need this much time between two counter readings to mean anything. */
  private static final double MIN_RATE_SECONDS = 0.5;

  private final DockerClient docker;
  private final LocalPrometheus prometheus;
  private final LocalHaproxy balancer;
  private final Incidents incidents;
  private final String service;
  private final Transcript out;
  private final LiveTimings timings;
  private final Ticker ticker = new Ticker("live-monitor");

  private final List<Sample> samples = new ArrayList<>();
  private final List<Mark> marks = new ArrayList<>();
  private List<String> replicas = List.of();
  private final Map<String, String> alertStates = new HashMap<>();
  private final Map<Integer, Long> lastSessions = new HashMap<>();
  private Map<String, Double> lastRates = Map.of();
  private double lastRatesAt = -1;
  private double lastStatusAt = -1;
  private Instant pathStart = Instant.now();
  private String incidentId;
  private String incidentStatus;
  private int timelineSeen;
  private long sampleCount;

  LiveMonitor(
      DockerClient docker,
      LocalPrometheus prometheus,
      LocalHaproxy balancer,
      Incidents incidents,
      String service,
      Transcript out,
      LiveTimings timings) {
    this.docker = docker;
    this.prometheus = prometheus;
    this.balancer = balancer;
    this.incidents = incidents;
    this.service = service;
    this.out = out;
    this.timings = timings;
  }

  void start() {
    ticker.every(timings.monitorInterval(), this::sampleQuietly);
  }

  /** A new path of the scenario begins: incidents opened from now on are followed. */
  synchronized void beginPath(String label) {
    pathStart = Instant.now().minusSeconds(1);
    incidentId = null;
    incidentStatus = null;
    timelineSeen = 0;
    mark(label);
  }

  /** Marks a moment on the chart (and nothing more). */
  synchronized void mark(String label) {
    marks.add(new Mark(out.elapsed(), label));
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized List<Mark> marks() {
    return List.copyOf(marks);
  }

  synchronized long sampleCount() {
    return sampleCount;
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      if (!ticker.stopped()) {
        out.say("monitor: " + e.getMessage() + " (retrying)");
      }
    }
  }

  synchronized void sample() {
    double now = out.elapsed();
    List<String> running = runningReplicas();
    if (!running.equals(replicas)) {
      out.say(
          "docker: "
              + running.size()
              + (running.size() == 1 ? " replica" : " replicas")
              + " running"
              + (running.isEmpty() ? "" : " (" + String.join(", ", running) + ")"));
      if (!replicas.isEmpty() || !running.isEmpty()) {
        mark(running.size() + (running.size() == 1 ? " replica" : " replicas"));
      }
      replicas = running;
    }
    Map<String, Double> cpu = prometheus.cpuByContainer();
    cpu.keySet().retainAll(running);
    Map<String, Double> rps = requestRates(now);
    followAlerts();
    followIncident();
    samples.add(new Sample(now, running.size(), new TreeMap<>(cpu), rps));
    sampleCount++;
    if (now - lastStatusAt >= STATUS_EVERY_SECONDS && !running.isEmpty()) {
      out.say(status(running, cpu, rps));
      lastStatusAt = now;
    }
  }

  private List<String> runningReplicas() {
    List<String> names = new ArrayList<>();
    for (Container c :
        docker.listContainersCmd().withLabelFilter(Map.of(ServiceLabels.SERVICE, service)).exec()) {
      if (c.getNames() != null && c.getNames().length > 0) {
        names.add(c.getNames()[0].replaceFirst("^/", ""));
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * Requests per second each replica served since the last reading of HAProxy's counters; a sample
   * taken right after another one keeps the previous rates.
   */
  private Map<String, Double> requestRates(double now) {
    double dt = lastRatesAt < 0 ? 0 : now - lastRatesAt;
    if (lastRatesAt >= 0 && dt < MIN_RATE_SECONDS) {
      return lastRates;
    }
    Map<String, Double> rps = new TreeMap<>();
    for (LocalHaproxy.Server s : balancer.servers()) {
      Long before = lastSessions.put(s.slot(), s.sessions());
      if (before != null && dt > 0 && s.sessions() > before) {
        rps.put(service + "-" + s.slot(), (s.sessions() - before) / dt);
      }
    }
    lastRatesAt = now;
    lastRates = rps;
    return rps;
  }

  private void followAlerts() {
    Map<String, LocalPrometheus.Alert> now = new HashMap<>();
    for (LocalPrometheus.Alert a : prometheus.alerts()) {
      now.put(a.name(), a);
    }
    for (String name : List.of(AlertRules.HIGH_CPU, AlertRules.LOW_CPU)) {
      LocalPrometheus.Alert alert = now.get(name);
      String state = alert == null ? "inactive" : alert.state();
      String before = alertStates.getOrDefault(name, "inactive");
      if (state.equals(before)) {
        continue;
      }
      alertStates.put(name, state);
      String value = alert == null ? "" : " (average CPU " + percent(alert.value()) + ")";
      switch (state) {
        case "pending" -> out.say("Prometheus: " + name + " pending" + value);
        case "firing" -> {
          out.say("Prometheus: " + name + " FIRING" + value + " -> Alertmanager -> Vigil");
          mark(name + " firing");
        }
        default -> {
          if (before.equals("firing")) {
            out.say("Prometheus: " + name + " resolved -> Alertmanager -> Vigil");
            mark(name + " resolved");
          } else {
            out.say("Prometheus: " + name + " no longer pending");
          }
        }
      }
    }
  }

  private void followIncident() {
    if (incidentId == null) {
      incidentId = incidents.openedSince("docker/service/" + service, pathStart);
      if (incidentId == null) {
        return;
      }
      out.say("Vigil: incident " + incidentId + " opened for docker/service/" + service);
      mark("incident opened");
    }
    Incidents.Timeline timeline = incidents.timeline(incidentId);
    List<Incidents.Entry> entries = timeline.entries();
    for (int i = timelineSeen; i < entries.size(); i++) {
      out.say("Vigil: " + entries.get(i).kind() + ": " + entries.get(i).message());
    }
    timelineSeen = entries.size();
    if (!Objects.equals(timeline.status(), incidentStatus)) {
      if (incidentStatus != null) {
        out.say("Vigil: incident " + timeline.status());
        if (List.of("resolved", "failed", "terminal").contains(timeline.status())) {
          mark("incident " + timeline.status());
        }
      }
      incidentStatus = timeline.status();
    }
  }

  private static String status(
      List<String> running, Map<String, Double> cpu, Map<String, Double> rps) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String r : running) {
      Double c = cpu.get(r);
      Double q = rps.get(r);
      parts.put(
          r,
          r
              + " cpu "
              + (c == null ? "  -" : percent(c))
              + " load "
              + (q == null ? "0" : String.valueOf(Math.round(q)))
              + " req/s");
    }
    return String.join(" | ", parts.values());
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) ? "?" : Math.round(fraction * 100) + "%";
  }

  /**
   * One look at the loop.
   *
   * @param t seconds since the demo started
   * @param replicas running replicas
   * @param cpu each replica's CPU (fraction of a core) over the rules' rate window
   * @param rps each replica's requests per second since the previous sample
   */
  record Sample(double t, int replicas, Map<String, Double> cpu, Map<String, Double> rps) {}

  /** A moment worth a line on the chart. */
  record Mark(double t, String label) {}

  @Override
  public void close() {
    ticker.close();
  }
}
