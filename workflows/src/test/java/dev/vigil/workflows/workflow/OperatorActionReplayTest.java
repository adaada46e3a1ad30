package dev.vigil.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recorded operator-action histories ({@code histories/operator-action/<scenario>_v<N>.json}) must
 * replay against the current {@link OperatorActionWorkflowImpl}, as the remediation's do. Record
 * (only for a deliberately versioned change, as a new file beside the old ones) with:
 *
 * <pre>./mvnw -B -q test -pl workflows -Dtest=OperatorActionReplayTest
 * -Dvigil.recordOperatorHistories=true</pre>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorActionReplayTest {
  static final Path HISTORIES = RemediationReplayTest.HISTORIES.resolve("operator-action");

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedHistories")
  void recordedHistory_replaysAgainstTheCurrentWorkflow(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        Files.readString(HISTORIES.resolve(file)), OperatorActionWorkflowImpl.class);
  }

  @Test
  void bothScenariosAreRecorded() {
    assertThat(recordedHistories())
        .containsExactly("approved_throttled_succeeded_v1.json", "rejected_v1.json");
  }

  @Test
  @EnabledIfSystemProperty(named = "vigil.recordOperatorHistories", matches = "true")
  void recordHistories() throws Exception {
    Files.createDirectories(HISTORIES);
    record(
        "approved_throttled_succeeded",
        t -> {
          t.fakes.leases.refuse(1, Duration.ofMinutes(1), true);
          OperatorActionInput input = OperatorActionWorkflowTest.scaleApp("r-1", true);
          t.actions.start(input);
          awaitApproval(t);
          t.actions.decideApproval(
              input.workflowId(), new ApprovalDecision(1, Decision.APPROVE, "bob", "go"));
          t.result(input);
          return input.workflowId();
        });
    record(
        "rejected",
        t -> {
          OperatorActionInput input = OperatorActionWorkflowTest.scaleApp("r-2", true);
          t.actions.start(input);
          awaitApproval(t);
          t.actions.decideApproval(
              input.workflowId(), new ApprovalDecision(1, Decision.REJECT, "bob", "no"));
          t.result(input);
          return input.workflowId();
        });
  }

  private interface Scenario {
    String run(OperatorActionWorkflowTest t) throws Exception;
  }

  private static void record(String name, Scenario scenario) throws Exception {
    OperatorActionWorkflowTest t = new OperatorActionWorkflowTest();
    t.start();
    try {
      String workflowId = scenario.run(t);
      Files.writeString(
          HISTORIES.resolve(name + "_" + RemediationReplayTest.VERSION + ".json"),
          t.history(workflowId).toJson(true));
    } finally {
      t.stop();
    }
  }

  private static void awaitApproval(OperatorActionWorkflowTest t) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> t.records.states().contains(OperatorActionState.AWAITING_APPROVAL));
  }

  static List<String> recordedHistories() {
    return RemediationReplayTest.recordedHistories(HISTORIES);
  }
}
