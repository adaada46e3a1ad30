package dev.vigil.launcher.demo.live;

import dev.vigil.workflows.policy.Durations;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./vigil demo --live}: the EventPulse loop on real parts. Starts the {@link LiveStack},
 * plays the paths of {@link LiveScenario}, prints each incident's timeline, writes {@code live.svg}
 * next to {@code live.log}, and answers whether the loop closed.
 */
public final class LiveDemo {
  static final double HIGH_CPU_THRESHOLD = 0.5;
  static final double LOW_CPU_THRESHOLD = 0.2;

  private LiveDemo() {}

  /** The log (transcript) of a run in {@code dataDir}. */
  public static Path logFile(Path dataDir) {
    return dataDir.resolve("live.log");
  }

  /** The picture of a run in {@code dataDir}. */
  public static Path chartFile(Path dataDir) {
    return dataDir.resolve("live.svg");
  }

  /**
   * Runs the demo in {@code options.dataDir()} (which should be new or empty: {@code ./vigil demo
   * --live} clears it); the outcomes of the paths it ran, in order.
   */
  public static Result run(LiveOptions options, PrintStream console) throws Exception {
    Files.createDirectories(options.dataDir());
    List<LiveOutcome> outcomes = new ArrayList<>();
    try (Transcript out = new Transcript(console, logFile(options.dataDir()))) {
      introduce(options, out);
      try (LiveStack stack = LiveStack.start(options, out)) {
        LiveScenario scenario = new LiveScenario(stack);
        try {
          if (options.runsSuccess()) {
            outcomes.add(scenario.success());
          }
          if (options.runsFailure()) {
            outcomes.add(scenario.failure());
          }
        } finally {
          writeChart(options, stack, out);
        }
        for (LiveOutcome o : outcomes) {
          printTimeline(o, out);
        }
      }
      Result result =
          new Result(outcomes, chartFile(options.dataDir()), logFile(options.dataDir()));
      out.say(
          result.ok()
              ? "the loop closed"
                  + (options.runsFailure() ? " and the failure path failed as designed" : "")
              : "the loop did NOT close as scripted: " + result);
      out.say("picture: " + result.chart() + "   transcript: " + result.log());
      return result;
    }
  }

  private static void introduce(LiveOptions o, Transcript out) throws Exception {
    AlertRules rules = AlertRules.load(o.rulesFile());
    LiveTimings t = o.timings();
    out.line("EventPulse live: the closed loop on real parts (no alert is posted by the demo)");
    out.line(
        "  app        docker service '"
            + o.service()
            + "': busybox httpd replicas, host networking, labels vigil.* and traefik.*");
    out.line(
        "  balancer   HAProxy (Debian) stands in for Traefik: a label watcher reads the same Traefik labels from Docker");
    out.line(
        "             and sets HAProxy's server slots through its runtime API; HAProxy health-checks GET /health");
    out.line(
        "  CPU        no cAdvisor: Prometheus docker_sd_configs finds the replicas, scrapes each one's /cgi-bin/metrics,");
    out.line(
        "             which reports its own cgroup CPU time as container_cpu_usage_seconds_total");
    out.line("  rules      " + o.rulesFile() + ": HighCPU " + rules.expr(AlertRules.HIGH_CPU));
    out.line("             LowCPU " + rules.expr(AlertRules.LOW_CPU));
    out.line(
        "  alerts     Prometheus (Debian) -> Alertmanager (Debian) -> webhook -> Vigil ingest -> Kafka -> workflow");
    out.line("  load       hey (Debian), rate-limited, through HAProxy");
    out.line("  timings    (demo; production in brackets)");
    out.line(
        "             HighCPU for "
            + d(t.highCpuFor())
            + " ["
            + d(rules.forOf(AlertRules.HIGH_CPU))
            + "], LowCPU for "
            + d(t.lowCpuFor())
            + " ["
            + d(rules.forOf(AlertRules.LOW_CPU))
            + "], rate window "
            + d(t.rateWindow())
            + " ["
            + d(rules.rateWindow())
            + "]");
    out.line(
        "             scrape and rule evaluation every "
            + d(t.scrapeInterval())
            + " [15s], Docker discovery every "
            + d(t.discoveryRefresh())
            + " [60s]");
    out.line(
        "             Alertmanager group_wait "
            + d(t.groupWait())
            + " [30s], group_interval "
            + d(t.groupInterval())
            + " [5m], repeat_interval "
            + d(t.repeatInterval())
            + " [4h]");
    out.line(
        "  log        "
            + logFile(o.dataDir())
            + " (and each program's log under "
            + o.dataDir()
            + ")");
    out.line("");
  }

  private static void printTimeline(LiveOutcome o, Transcript out) {
    out.line("");
    out.line(
        "Incident "
            + o.incidentId()
            + " ("
            + o.path()
            + " path): "
            + o.incidentStatus()
            + (o.path().equals("success") ? ", peak " + o.peakReplicas() + " replicas" : "")
            + ", "
            + o.finalReplicas()
            + (o.finalReplicas() == 1 ? " replica" : " replicas")
            + " at the end");
    o.timeline().lines().forEach(l -> out.line("  " + l));
  }

  private static void writeChart(LiveOptions o, LiveStack stack, Transcript out) {
    try {
      stack.monitor.sample();
    } catch (RuntimeException e) {
      // the last sample is a nicety
    }
    try {
      Files.writeString(
          chartFile(o.dataDir()),
          LiveChart.svg(
              "EventPulse live: docker service " + o.service() + " (CPU per replica, replicas)",
              stack.monitor.samples(),
              stack.monitor.marks(),
              HIGH_CPU_THRESHOLD,
              LOW_CPU_THRESHOLD));
    } catch (Exception e) {
      out.say("could not write the picture: " + e);
    }
  }

  private static String d(java.time.Duration duration) {
    return Durations.format(duration);
  }

  /**
   * A run's outcomes and files.
   *
   * @param outcomes one per path run, in order
   */
  public record Result(List<LiveOutcome> outcomes, Path chart, Path log) {
    /** Every success path closed the loop and every failure path failed as designed. */
    public boolean ok() {
      return !outcomes.isEmpty()
          && outcomes.stream()
              .allMatch(o -> o.path().equals("success") ? o.loopClosed() : o.failedAsDesigned());
    }
  }
}
