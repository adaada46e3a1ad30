package dev.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.vigil.launcher.DevStack;
import dev.vigil.launcher.DockerProbe;
import dev.vigil.testkit.TestDocker;
import dev.vigil.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The EventPulse demo ({@code ./vigil demo}) as tests against the real Docker daemon, on one local
 * stack (DevStack: embedded PostgreSQL, Kafka child process, Temporal test server, ingest + api +
 * worker) for the class. Skipped with a visible message when no daemon answers; failed instead when
 * {@code VIGIL_REQUIRE_DOCKER=true}. Each test uses its own service name (the daemon is shared) and
 * removes its containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EventPulseDemoE2E {
  private DevStack stack;
  private DockerClient docker;
  private EventPulseScenario scenario;
  private Path dataDir;

  @BeforeAll
  void startStack() throws Exception {
    TestDocker.assumeAvailable();
    TestImages.busyboxHttpd(); // skips (or fails in CI) when no static busybox can build images
    dataDir = Files.createTempDirectory("vigil-demo-e2e");
    stack = DevStack.start(DemoMain.demoOptions(dataDir, 0, false));
    docker = DockerProbe.client();
    scenario =
        new EventPulseScenario(
            new VigilHttp(stack.baseUrl(), stack.devToken()), docker, System.out);
  }

  @AfterAll
  void stopStack() throws Exception {
    if (docker != null) {
      docker.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (dataDir != null) {
      DevStack.wipe(dataDir);
    }
  }

  @Test
  void success_highCpuScalesToTwoReadyReplicas_lowCpuRevertsToOne_incidentResolved()
      throws Exception {
    String service = "eventpulse-ok-" + UUID.randomUUID().toString().substring(0, 8);

    DemoOutcome outcome = scenario.success(service);

    assertThat(outcome.dryRun()).isFalse();
    assertThat(outcome.peakReplicas()).isEqualTo(2);
    assertThat(outcome.finalReplicas()).isEqualTo(1);
    assertThat(outcome.incidentStatus()).isEqualToIgnoringCase("resolved");
    assertThat(outcome.timelineKinds()).contains("phase", "compensation");
    assertThat(String.join("\n", outcome.timeline()))
        .contains("docker.scale " + service + " -> 2 replicas")
        .contains("cleared the signals")
        .contains("reverted on LowCPU")
        .contains("docker.scale " + service + " -> 1 replica -> SUCCEEDED");
    assertThat(new DemoServiceProbe(docker, service).containers()).isZero();
  }

  @Test
  void failure_scaleUpNeverReady_compensationLeavesOneReplica_incidentFailed() throws Exception {
    String service = "eventpulse-fail-" + UUID.randomUUID().toString().substring(0, 8);

    DemoOutcome outcome = scenario.failure(service);

    assertThat(outcome.peakReplicas()).isLessThanOrEqualTo(2);
    assertThat(outcome.finalReplicas()).isEqualTo(1);
    assertThat(outcome.incidentStatus()).isEqualToIgnoringCase("failed");
    assertThat(outcome.timelineKinds())
        .containsSubsequence("phase", "action.failed", "compensation", "phase", "page.triggered");
    assertThat(String.join("\n", outcome.timeline()))
        .contains("NotReady")
        .contains("docker.scale " + service + " -> 1 replica -> SUCCEEDED");
    assertThat(new DemoServiceProbe(docker, service).containers()).isZero();
  }

  /** Containers left of a service (the scenario removes them at the end). */
  record DemoServiceProbe(DockerClient docker, String service) {
    int containers() {
      return docker
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(java.util.Map.of("vigil.service", service))
          .exec()
          .size();
    }
  }
}
