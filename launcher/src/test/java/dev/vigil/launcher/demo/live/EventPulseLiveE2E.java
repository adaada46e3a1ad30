package dev.vigil.launcher.demo.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.launcher.DevStack;
import dev.vigil.testkit.TestDocker;
import dev.vigil.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./vigil demo --live} as a test, on the real Docker daemon and Debian's HAProxy, hey,
 * Prometheus and Alertmanager: nothing posts an alert, load on the balancer makes the shipped rules
 * fire. One run plays both paths on one stack (the demo's own timings, about two minutes). Skipped
 * with a message when Docker or a program is missing; failed instead in CI.
 */
class EventPulseLiveE2E {
  private Path dataDir;
  private String service;

  @BeforeEach
  void prepare() throws Exception {
    TestDocker.assumeAvailable();
    TestImages.busyboxHttpd(); // skips (or fails in CI) when no static busybox can build images
    LiveTools.requireAll();
    dataDir = Files.createTempDirectory("vigil-live-e2e");
    // unique: the daemon is shared with other test runs
    service = "live-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (service != null) {
      TestDocker.removeContainersLabelled("vigil.service", service);
    }
    if (dataDir != null) {
      DevStack.wipe(dataDir);
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void loadFiresHighCpu_scaleToTwoSpreadsIt_lowCpuScalesBack_andANeverReadyScaleUpFails()
      throws Exception {
    LiveOptions options =
        new LiveOptions(
            service,
            "both",
            dataDir,
            LiveConfigsTest.RULES.toAbsolutePath().normalize(),
            0,
            LiveTimings.demo(),
            LoadProfile.demo());

    LiveDemo.Result result = LiveDemo.run(options, System.out);

    assertThat(result.outcomes())
        .extracting(LiveOutcome::path)
        .containsExactly("success", "failure");
    LiveOutcome success = result.outcomes().get(0);
    assertThat(success.incidentStatus()).isEqualToIgnoringCase("resolved");
    assertThat(success.peakReplicas()).isEqualTo(2);
    assertThat(success.finalReplicas()).isEqualTo(1);
    assertThat(success.servedBySecondReplica()).isPositive();
    assertThat(String.join("\n", success.timeline().lines()))
        .contains("docker.scale " + service + " -> 2 replicas")
        .contains("cleared the signals")
        .contains("reverted on LowCPU")
        .contains("docker.scale " + service + " -> 1 replica -> SUCCEEDED");

    LiveOutcome failure = result.outcomes().get(1);
    assertThat(failure.incidentStatus()).isEqualToIgnoringCase("failed");
    assertThat(failure.finalReplicas()).isEqualTo(1);
    assertThat(failure.timeline().kinds())
        .containsSubsequence("phase", "action.failed", "compensation", "phase", "page.triggered");
    assertThat(String.join("\n", failure.timeline().lines())).contains("NotReady");
    assertThat(result.ok()).isTrue();

    String transcript = Files.readString(result.log());
    assertThat(transcript)
        .containsSubsequence(
            "load ON",
            "Prometheus: HighCPU FIRING",
            "Vigil: incident",
            "balancer: + " + service + "-2",
            "Prometheus: HighCPU resolved",
            "load OFF",
            "Prometheus: LowCPU FIRING",
            "Vigil: incident resolved",
            "failure path",
            "Prometheus: HighCPU FIRING",
            "Vigil: incident failed");
    assertThat(Files.readString(result.chart()))
        .startsWith("<svg")
        .contains("<polyline", service + "-1", service + "-2", "HighCPU firing", "LowCPU firing");
    assertThat(
            TestDocker.client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("vigil.service", service))
                .exec())
        .isEmpty();
  }
}
