package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.FAIL_NOT_READY;
import static dev.vigil.workflows.workflow.OperatorActionState.AWAITING_APPROVAL;
import static dev.vigil.workflows.workflow.OperatorActionState.EXPIRED;
import static dev.vigil.workflows.workflow.OperatorActionState.FAILED;
import static dev.vigil.workflows.workflow.OperatorActionState.REJECTED;
import static dev.vigil.workflows.workflow.OperatorActionState.RUNNING;
import static dev.vigil.workflows.workflow.OperatorActionState.SUCCEEDED;
import static dev.vigil.workflows.workflow.OperatorActionState.THROTTLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.workflows.activity.OperatorActionActivities;
import dev.vigil.workflows.client.OperatorActionClient;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.RetrySpec;
import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator action workflow on the test server with fake activities (time skipping): the storm
 * guard holds it THROTTLED until a lease is granted, approvals gate it, failures end it FAILED, and
 * every state change is recorded in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorActionWorkflowTest {

  /** Records every status the workflow writes. */
  static final class Records implements OperatorActionActivities {
    final List<OperatorActionStatus> written = new CopyOnWriteArrayList<>();

    @Override
    public void recordActionStatus(OperatorActionStatus status) {
      written.add(status);
    }

    List<OperatorActionState> states() {
      return written.stream().map(OperatorActionStatus::state).toList();
    }
  }

  TestWorkflowEnvironment env;
  WorkflowClient client;
  OperatorActionClient actions;
  final FakeActivities fakes = new FakeActivities();
  final Records records = new Records();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    VigilSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(WorkflowIds.TASK_QUEUE);
    OperatorActionWorkflowImpl.register(worker, RemediationHarness.testOptions());
    worker.registerActivitiesImplementations(fakes.leases, fakes.paging, fakes.actions, records);
    env.start();
    client = env.getWorkflowClient();
    actions = new OperatorActionClient(client, WorkflowIds.TASK_QUEUE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static OperatorActionInput scaleApp(String id, boolean requireApproval) {
    return new OperatorActionInput(
        id,
        RemediationHarness.APP,
        new ActionSpec("docker.scale", null, Map.of("replicas", "3")),
        false,
        requireApproval,
        "alice",
        Instant.parse("2026-01-08T10:00:00Z"),
        List.of("cluster"),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        new RetrySpec(2, Duration.ofSeconds(1), Duration.ofSeconds(5)));
  }

  OperatorActionStatus run(OperatorActionInput input) {
    actions.start(input);
    return result(input);
  }

  OperatorActionStatus result(OperatorActionInput input) {
    try {
      return client
          .newUntypedWorkflowStub(input.workflowId())
          .getResult(30, TimeUnit.SECONDS, OperatorActionStatus.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result; records " + records.states(), e);
    }
  }

  @Test
  void throttledByTheStormGuard_waitsThenActsThroughTheRungActivity() {
    fakes.leases.refuse(2, Duration.ofMinutes(1), true);
    OperatorActionInput input = scaleApp("a-1", false);

    OperatorActionStatus end = run(input);

    assertThat(end.state()).isEqualTo(SUCCEEDED);
    assertThat(end.outcome()).isEqualTo("SUCCEEDED");
    assertThat(end.workflowId()).isEqualTo("action:docker/service/app:a-1");
    assertThat(end.scope()).isEqualTo("cluster=local");
    assertThat(records.states()).containsExactly(THROTTLED, RUNNING, SUCCEEDED);
    assertThat(records.written).extracting(OperatorActionStatus::seq).containsExactly(1L, 2L, 3L);
    // three lease requests (two refused), one storm page, one action, the lease given back
    assertThat(fakes.leases.requests).hasSize(3);
    assertThat(fakes.leases.requests.get(0).holder()).isEqualTo(input.workflowId());
    assertThat(fakes.paging.triggered)
        .extracting(p -> p.dedupKey())
        .containsExactly("storm:cluster=local");
    assertThat(fakes.actions.requests).hasSize(1);
    assertThat(fakes.actions.requests.get(0).params()).containsEntry("replicas", "3");
    assertThat(fakes.actions.requests.get(0).context().idempotencyKey())
        .isEqualTo("action:docker/service/app:a-1/null/1/1/ACTION");
    assertThat(fakes.leases.releases).hasSize(1);
    assertThat(fakes.leases.releases.get(0).verified()).isFalse();
  }

  @Test
  void approved_actsAndRecordsTheApprover() {
    OperatorActionInput input = scaleApp("a-2", true);
    actions.start(input);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.states().contains(AWAITING_APPROVAL));
    assertThat(actions.status(input.workflowId()).state()).isEqualTo(AWAITING_APPROVAL);

    actions.decideApproval(
        input.workflowId(), new ApprovalDecision(1, Decision.APPROVE, "bob", "go"));
    OperatorActionStatus end = result(input);

    assertThat(end.state()).isEqualTo(SUCCEEDED);
    assertThat(end.decidedBy()).isEqualTo("bob");
    assertThat(records.states()).containsExactly(AWAITING_APPROVAL, RUNNING, SUCCEEDED);
    assertThat(records.written.get(1).message()).startsWith("approved by bob");
  }

  @Test
  void rejected_neverTouchesTheLeaseOrTheTarget() {
    OperatorActionInput input = scaleApp("a-3", true);
    actions.start(input);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.states().contains(AWAITING_APPROVAL));

    actions.decideApproval(
        input.workflowId(), new ApprovalDecision(1, Decision.REJECT, "bob", "not now"));
    OperatorActionStatus end = result(input);

    assertThat(end.state()).isEqualTo(REJECTED);
    assertThat(end.message()).isEqualTo("rejected by bob: not now");
    assertThat(fakes.leases.requests).isEmpty();
    assertThat(fakes.actions.requests).isEmpty();
  }

  @Test
  void noDecision_expiresAfterTheApprovalTimeout() {
    OperatorActionStatus end = run(scaleApp("a-4", true));

    assertThat(end.state()).isEqualTo(EXPIRED);
    assertThat(end.message()).isEqualTo("no approval within 30m");
    assertThat(fakes.actions.requests).isEmpty();
  }

  @Test
  void heldBackLongerThanAllowed_expiresWithoutActing() {
    fakes.leases.refuse(1000, Duration.ofMinutes(10), false);

    OperatorActionStatus end = run(scaleApp("a-5", false));

    assertThat(end.state()).isEqualTo(EXPIRED);
    assertThat(end.message()).startsWith("held back by the storm guard in cluster=local for 1h");
    assertThat(records.states()).containsExactly(THROTTLED, EXPIRED);
    assertThat(fakes.actions.requests).isEmpty();
    assertThat(fakes.leases.releases).isEmpty();
  }

  @Test
  void failingAction_endsFailedWithItsTypeAndGivesTheLeaseBack() {
    fakes.actions.script("docker.scale", FAIL_NOT_READY);

    OperatorActionStatus end = run(scaleApp("a-6", false));

    assertThat(end.state()).isEqualTo(FAILED);
    assertThat(end.errorType()).isEqualTo("NotReady");
    assertThat(fakes.leases.releases).hasSize(1);
  }

  @Test
  void temporalCancel_isRecordedCancelled() {
    OperatorActionInput input = scaleApp("a-7", true);
    actions.start(input);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.states().contains(AWAITING_APPROVAL));

    WorkflowStub stub = client.newUntypedWorkflowStub(input.workflowId());
    stub.cancel();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> records.states().contains(OperatorActionState.CANCELLED));
    assertThat(records.written.get(records.written.size() - 1).message())
        .isEqualTo("cancelled in Temporal while AWAITING_APPROVAL");
  }

  /** The history of the first scenario, for {@link OperatorActionReplayTest}. */
  WorkflowExecutionHistory history(String workflowId) {
    return client.fetchHistory(workflowId);
  }
}
