package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.FAIL_NOT_READY;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.SUCCEED;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.SUCCEED_AND_CLEAR;
import static dev.vigil.workflows.workflow.RemediationHarness.APP;
import static dev.vigil.workflows.workflow.RemediationHarness.POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import io.temporal.api.enums.v1.EventType;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recorded histories ({@code src/test/resources/histories/<scenario>_v<N>.json}) must replay
 * against the current workflow code, so a change that would break running remediations fails the
 * build. Re-record (only when a change is deliberately versioned, as a new {@code _v<N+1>} file
 * beside the old ones) with:
 *
 * <pre>./mvnw -B -q test -pl workflows -Dtest=RemediationReplayTest -Dvigil.recordHistories=true
 * </pre>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemediationReplayTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");
  static final String VERSION = "v1";

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedHistories")
  void recordedHistory_replaysAgainstTheCurrentWorkflow(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        Files.readString(HISTORIES.resolve(file)), RemediationWorkflowImpl.class);
  }

  @Test
  void atLeastTwoHistoriesAreRecorded() {
    assertThat(recordedHistories()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void unguardedChange_failsReplayWithNonDeterminism() throws IOException {
    String history = Files.readString(HISTORIES.resolve("one_rung_recovered_v1.json"));

    Throwable failure =
        catchThrowable(
            () -> WorkflowReplayer.replayWorkflowExecution(history, UnguardedChange.class));

    // The replayer reports it as a failed replay query whose message carries the SDK's
    // NonDeterministicException (TMPRL1100): the recorded OpenIncident marker came unexpected.
    assertThat(failure)
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("TMPRL1100")
        .hasMessageContaining("OpenIncident");
  }

  @Test
  void changeGuardedByGetVersion_replaysTheOldHistory() throws Exception {
    String history = Files.readString(HISTORIES.resolve("one_rung_recovered_v1.json"));

    WorkflowReplayer.replayWorkflowExecution(history, GuardedChange.class);
  }

  @Test
  @EnabledIfSystemProperty(named = "vigil.recordHistories", matches = "true")
  void recordHistories() throws IOException {
    Files.createDirectories(HISTORIES);
    for (Map.Entry<String, Consumer<RemediationHarness>> scenario : scenarios().entrySet()) {
      try (RemediationHarness h = RemediationHarness.start()) {
        scenario.getValue().accept(h);
        h.result();
        Path file = HISTORIES.resolve(scenario.getKey() + "_" + VERSION + ".json");
        Files.writeString(file, h.history().toJson(true));
      }
    }
    assertThat(recordedHistories()).hasSizeGreaterThanOrEqualTo(scenarios().size());
  }

  static List<String> recordedHistories() {
    return recordedHistories(HISTORIES);
  }

  /** The {@code .json} files in {@code dir}, sorted by name. */
  static List<String> recordedHistories(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("no recorded histories in " + dir.toAbsolutePath(), e);
    }
  }

  /** The recorded scenarios: each drives a harness until the repair can end. */
  static Map<String, Consumer<RemediationHarness>> scenarios() {
    Map<String, Consumer<RemediationHarness>> scenarios = new LinkedHashMap<>();
    scenarios.put(
        "one_rung_recovered",
        h -> {
          h.startRepair(POD, RemediationWorkflowTest.CRASHLOOP);
          h.awaitCall("k8s.deletePod");
          awaitTimer(h);
          h.observe(HealthState.Healthy);
        });
    scenarios.put(
        "eventpulse_reverted",
        h -> {
          h.fakes.actions.script("docker.scale", SUCCEED_AND_CLEAR);
          h.startRepair(APP, RemediationWorkflowTest.HIGH_CPU, false, "HighCPU");
          h.awaitPhase(Phase.RECOVERED);
          h.env.sleep(Duration.ofMinutes(5));
          h.observe(HealthState.Degraded, "LowCPU");
        });
    scenarios.put(
        "eventpulse_failed_paged",
        h -> {
          h.fakes.actions.script("docker.scale", FAIL_NOT_READY, SUCCEED);
          h.startRepair(APP, RemediationWorkflowTest.HIGH_CPU, false, "HighCPU");
          h.awaitCall("triggerPage");
          h.workflow().resolveManually(new ManualResolution("dave", "scaled by hand"));
        });
    scenarios.put(
        "approval_rejected_throttled_probation",
        h -> {
          Policy policy =
              RemediationHarness.policy(
                  """
                  - name: three-rungs
                    match: { resourceType: k8s/Pod }
                    ladder:
                      - { action: k8s.deletePod, requiresApproval: true }
                      - { action: k8s.rolloutRestart, target: owner, verifyWithin: 5m }
                      - { action: k8s.patchResources, params: { memoryFactor: 1.5 } }
                  """);
          h.fakes.leases.refuse(1, Duration.ofMinutes(2), true);
          h.fakes.actions.script("k8s.patchResources", SUCCEED_AND_CLEAR);
          h.startRepair(POD, policy);
          h.awaitPhase(Phase.AWAITING_APPROVAL);
          h.workflow().decideApproval(new ApprovalDecision(1, Decision.REJECT, "bob", "no"));
        });
    return scenarios;
  }

  private static void awaitTimer(RemediationHarness h) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                h.history().getEvents().stream()
                    .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
  }

  /** A deliberately changed workflow: a new timer before the repair, not guarded. */
  public static class UnguardedChange extends DelegatingWorkflow {
    @WorkflowInit
    public UnguardedChange(RemediationInput input) {
      super(input);
    }

    @Override
    public RemediationResult remediate(RemediationInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      return delegate.remediate(input);
    }
  }

  /** The same change behind {@code Workflow.getVersion}, as {@link WorkflowVersions} prescribes. */
  public static class GuardedChange extends DelegatingWorkflow {
    static final String SETTLE_BEFORE_REPAIR = "settle-before-repair";
    static final int SETTLE_BEFORE_REPAIR_CURRENT_VERSION = 1;

    @WorkflowInit
    public GuardedChange(RemediationInput input) {
      super(input);
    }

    @Override
    public RemediationResult remediate(RemediationInput input) {
      int version =
          Workflow.getVersion(
              SETTLE_BEFORE_REPAIR, Workflow.DEFAULT_VERSION, SETTLE_BEFORE_REPAIR_CURRENT_VERSION);
      if (version >= 1) {
        Workflow.sleep(Duration.ofSeconds(1));
      }
      return delegate.remediate(input);
    }
  }

  /** Wraps the real implementation so a test can change one step of it. */
  abstract static class DelegatingWorkflow implements RemediationWorkflow {
    final RemediationWorkflowImpl delegate;

    DelegatingWorkflow(RemediationInput input) {
      delegate = new RemediationWorkflowImpl(input);
    }

    @Override
    public void observe(HealthObservation observation) {
      delegate.observe(observation);
    }

    @Override
    public void cancelMitigation(CancelRequest request) {
      delegate.cancelMitigation(request);
    }

    @Override
    public void decideApproval(ApprovalDecision decision) {
      delegate.decideApproval(decision);
    }

    @Override
    public void resolveManually(ManualResolution resolution) {
      delegate.resolveManually(resolution);
    }

    @Override
    public RemediationStatus status() {
      return delegate.status();
    }
  }
}
