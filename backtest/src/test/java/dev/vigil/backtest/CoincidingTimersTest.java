package dev.vigil.backtest;

import static dev.vigil.backtest.BacktestWeekTest.actions;
import static dev.vigil.backtest.BacktestWeekTest.entries;
import static dev.vigil.backtest.BacktestWeekTest.phases;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.backtest.Report.Entry;
import dev.vigil.backtest.Report.ResourceTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines received at the very instant a workflow timer falls due, the case that stalled the
 * 100,000-signal benchmark: a verification timer fired under the workflow task that cancelled it,
 * Temporal's test server refused that task (temporalio/sdk-java#2606), and virtual time then moved
 * at wall-clock speed. Here every one of a hundred crash-looping pods recovers exactly when rung
 * 1's five-minute verification window ends, in two incidents an hour apart.
 */
// A separate thread, so a replay stuck in a call to the test server still fails in time.
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoincidingTimersTest {
  static final int PODS = 100;
  static final int INCIDENTS = 2;
  static final Instant START = Instant.parse("2026-11-16T00:00:00Z");

  /** The shipped {@code crashloop-pod} policy's rung 1 ({@code k8s.deletePod}) verifies in 5m. */
  static final Duration RUNG_1_VERIFY = Duration.ofMinutes(5);

  /** Pods start crash-looping this far apart, so the instants differ but the windows overlap. */
  static final Duration STAGGER = Duration.ofSeconds(7);

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  static Recording recording;
  static Report report;

  // A class-level @Timeout does not cover lifecycle methods; without the fix the replay never ends.
  @BeforeAll
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void replay() throws IOException {
    Path file = dir.resolve("coinciding.jsonl");
    Files.write(file, lines());
    Engine engine = Engines.shared();
    recording = Backtest.read(engine, file, false);
    report =
        Backtest.run(
                engine,
                recording,
                List.of(PolicySet.load(BacktestWeekTest.POLICIES)),
                BacktestOptions.DEFAULT_SETTLE)
            .get(0);
  }

  @Test
  void replaysToTheEnd_inBoundedWallTime() {
    assertThat(report.input().until())
        .as("where the virtual clock stopped")
        .isEqualTo(recording.end().plus(BacktestOptions.DEFAULT_SETTLE));
    assertThat(report.wallSeconds()).isLessThan(120);
    assertThat(report.summary().incidents()).isEqualTo(PODS * INCIDENTS);
    assertThat(report.summary().endPhases()).isEqualTo(Map.of("HEALTHY", PODS));
  }

  @Test
  void aRecoveryReceivedWhenTheWindowEnds_comesAfterTheWindowsTimer() {
    assertThat(report.resources()).hasSize(PODS);
    for (int pod = 0; pod < PODS; pod++) {
      ResourceTimeline timeline = BacktestWeekTest.resource(report, resource(pod));
      List<String> once = List.of("MITIGATING", "PROBATION", "MITIGATING", "RECOVERED", "HEALTHY");
      assertThat(phases(timeline)).as(resource(pod)).isEqualTo(twice(once));
      assertThat(actions(timeline))
          .as(resource(pod))
          .isEqualTo(
              twice(
                  List.of(
                      "action k8s.deletePod rung 1 {}", "action k8s.rolloutRestart rung 2 {}")));
      List<Entry> phases = entries(timeline, "phase");
      for (int incident = 0; incident < INCIDENTS; incident++) {
        Instant windowEnd = firing(pod, incident).plus(RUNG_1_VERIFY);
        Entry probation = phases.get(once.size() * incident + 1);
        Entry recovered = phases.get(once.size() * incident + 3);
        assertThat(probation.text()).contains("did not clear within 5m");
        assertThat(seconds(probation.at())).as(resource(pod)).isEqualTo(windowEnd);
        assertThat(seconds(recovered.at())).as(resource(pod)).isEqualTo(windowEnd);
      }
    }
  }

  /** For each pod and incident: the alert fires, and resolves exactly {@link #RUNG_1_VERIFY} on. */
  static List<String> lines() throws JsonProcessingException {
    record Line(Instant at, String json) {}
    List<Line> lines = new ArrayList<>();
    for (int pod = 0; pod < PODS; pod++) {
      for (int incident = 0; incident < INCIDENTS; incident++) {
        Instant firing = firing(pod, incident);
        Instant resolved = firing.plus(RUNG_1_VERIFY);
        String fingerprint = String.format("%016x", pod * INCIDENTS + incident + 1);
        lines.add(new Line(firing, alert(firing, "firing", firing, null, pod, fingerprint)));
        lines.add(
            new Line(resolved, alert(resolved, "resolved", firing, resolved, pod, fingerprint)));
      }
    }
    return lines.stream().sorted(Comparator.comparing(Line::at)).map(Line::json).toList();
  }

  static Instant firing(int pod, int incident) {
    return START.plus(STAGGER.multipliedBy(pod)).plus(Duration.ofHours(incident));
  }

  static String resource(int pod) {
    return "k8s/" + cluster(pod) + "/team-" + pod + "/Pod/app-" + pod + "-5d8f7";
  }

  /**
   * Four pods a cluster keep every cluster under the storm guard's {@code min-resources}, so no
   * repair is held back.
   */
  static String cluster(int pod) {
    return "cluster-" + pod % (PODS / 4);
  }

  /** One Alertmanager webhook line about one pod. */
  static String alert(
      Instant at, String status, Instant startsAt, Instant endsAt, int pod, String fingerprint)
      throws JsonProcessingException {
    Map<String, Object> alert =
        Map.of(
            "status",
            status,
            "labels",
            Map.of(
                "alertname",
                "KubePodCrashLooping",
                "reason",
                "CrashLoopBackOff",
                "severity",
                "warning",
                "cluster",
                cluster(pod),
                "namespace",
                "team-" + pod,
                "pod",
                "app-" + pod + "-5d8f7"),
            "startsAt",
            startsAt.toString(),
            "endsAt",
            endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString(),
            "fingerprint",
            fingerprint);
    return JSON.writeValueAsString(
        Map.of(
            "at",
            at.toString(),
            "source",
            "alertmanager",
            "body",
            Map.of("version", "4", "status", status, "alerts", List.of(alert))));
  }

  static <T> List<T> twice(List<T> once) {
    List<T> both = new ArrayList<>(once);
    both.addAll(once);
    return both;
  }

  static Instant seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS);
  }
}
