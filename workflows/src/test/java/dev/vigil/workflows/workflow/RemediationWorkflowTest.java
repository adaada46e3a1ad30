package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.BLOCK_UNTIL_CANCELLED;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.FAIL_INVALID_PARAMS;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.FAIL_NOT_READY;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.FAIL_TRANSIENT;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.SUCCEED;
import static dev.vigil.workflows.workflow.FakeActivities.Behaviour.SUCCEED_AND_CLEAR;
import static dev.vigil.workflows.workflow.Phase.AWAITING_APPROVAL;
import static dev.vigil.workflows.workflow.Phase.CANCELLED;
import static dev.vigil.workflows.workflow.Phase.HEALTHY;
import static dev.vigil.workflows.workflow.Phase.MITIGATING;
import static dev.vigil.workflows.workflow.Phase.PROBATION;
import static dev.vigil.workflows.workflow.Phase.RECOVERED;
import static dev.vigil.workflows.workflow.Phase.TERMINAL;
import static dev.vigil.workflows.workflow.Phase.THROTTLED;
import static dev.vigil.workflows.workflow.RemediationHarness.APP;
import static dev.vigil.workflows.workflow.RemediationHarness.POD;
import static dev.vigil.workflows.workflow.RemediationHarness.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.IncidentStatus;
import dev.vigil.workflows.activity.PhaseChange;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.history.HistoryCost;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The workflow against the Temporal test server (time skipping) with {@link FakeActivities}: each
 * test asserts the phases passed through (from the recorded {@code recordPhase} calls) and the
 * activities called.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("RemediationWorkflow")
class RemediationWorkflowTest {

  /**
   * Two rungs, as the crashloop example of docs/design.md ("Policies"); the approval rung comes in
   * its own tests.
   */
  static final Policy CRASHLOOP =
      policy(
          """
          - name: crashloop-pod
            match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
            recurrenceWindow: 30m
            maxAttempts: 3
            ladder:
              - { action: k8s.deletePod, verifyWithin: 5m }
              - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
            page: { severity: critical }
          """);

  static final Policy APPROVAL_FIRST =
      policy(
          """
          - name: risky-first
            match: { resourceType: k8s/Pod }
            ladder:
              - { action: k8s.deletePod, verifyWithin: 5m, requiresApproval: true }
              - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
          """);

  /** The EventPulse policy of docs/design.md ("Policies"). */
  static final Policy HIGH_CPU =
      policy(
          """
          - name: app-high-cpu
            match: { resourceType: docker/service, reasons: [HighCPU] }
            ladder:
              - action: docker.scale
                params: { replicas: 2 }
                compensate: { action: docker.scale, params: { replicas: 1 } }
                verifyWithin: 5m
            revertOn: [LowCPU]
          """);

  RemediationHarness h;

  @BeforeEach
  void setUp() {
    h = RemediationHarness.start();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private List<Phase> phases() {
    return h.fakes.incidents.phaseSequence();
  }

  private PhaseChange lastPhaseChange() {
    return h.fakes.incidents.phases.getLast();
  }

  private void awaitHistoryEvent(EventType type) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.history().getEvents().stream().anyMatch(e -> e.getEventType() == type));
  }

  @Nested
  @DisplayName("MITIGATING -> RECOVERED -> HEALTHY")
  class Recovery {

    @Test
    void rungThatClears_recoversAndEndsHealthyAfterQuietWindow() {
      h.startRepair(POD, CRASHLOOP);
      h.awaitCall("k8s.deletePod");
      awaitHistoryEvent(EventType.EVENT_TYPE_TIMER_STARTED); // waiting for the signals to clear
      h.observe(HealthState.Healthy);

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.resolvedBy()).isEqualTo("vigil");
      assertThat(result.incidentId()).isEqualTo(h.fakes.incidents.opened.getFirst().incidentId());
      assertThat(phases()).containsExactly(MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.calls)
          .containsExactly(
              "openIncident",
              "acquireLease",
              "recordPhase:MITIGATING",
              "k8s.deletePod:ACTION",
              "releaseLease:verified",
              "recordPhase:RECOVERED",
              "recordPhase:HEALTHY");
      assertThat(lastPhaseChange().status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(h.fakes.leases.requests.getFirst().scope()).isEqualTo("cluster=prod-eu");
      ActionRequest action = h.fakes.actions.requests.getFirst();
      assertThat(action.context())
          .isEqualTo(
              new ActionContext(
                  POD.workflowId(),
                  result.incidentId(),
                  POD.id(),
                  1,
                  1,
                  ActionContext.Kind.ACTION,
                  false));
    }

    @Test
    void oneRungRepair_staysLeanInHistoryEventsAndBillableActions() {
      h.startRepair(POD, CRASHLOOP);
      h.awaitCall("k8s.deletePod");
      awaitHistoryEvent(EventType.EVENT_TYPE_TIMER_STARTED);
      h.observe(HealthState.Healthy);
      h.result();

      HistoryCost cost = HistoryCost.of(h.history());
      System.out.println("one-rung repair: " + cost + ", billable ~" + cost.billableActions());
      assertThat(cost.events()).isLessThanOrEqualTo(40);
      assertThat(cost.activities()).as("only the action is a regular activity").isEqualTo(1);
      assertThat(cost.localActivities()).isEqualTo(6);
      assertThat(cost.timers()).as("verify wait + recurrence window").isEqualTo(2);
      assertThat(cost.upserts()).as("MITIGATING, RECOVERED, HEALTHY").isEqualTo(3);
      assertThat(cost.billableActions()).isLessThanOrEqualTo(12);
    }
  }

  @Nested
  @DisplayName("PROBATION")
  class Probation {

    @Test
    void rungThatDoesNotClear_movesToProbationAndRunsNextRung() {
      h.fakes.actions.script("k8s.rolloutRestart", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.actions.performed())
          .containsExactly("k8s.deletePod:ACTION", "k8s.rolloutRestart:ACTION");
      assertThat(h.fakes.calls)
          .containsSubsequence("releaseLease:unverified", "recordPhase:PROBATION")
          .containsSubsequence("k8s.rolloutRestart:ACTION", "releaseLease:verified");
      assertThat(h.fakes.incidents.phases.get(1).message())
          .contains("rung 1 `k8s.deletePod` did not clear within 5m");
      ActionRequest second = h.fakes.actions.requests.get(1);
      assertThat(second.target()).isEqualTo("owner");
      assertThat(second.context().rung()).isEqualTo(2);
      assertThat(second.context().attempt()).isEqualTo(2);
    }

    @Test
    void recurrenceInsideTheWindow_runsTheNextRung() {
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.fakes.actions.script("k8s.rolloutRestart", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);
      h.awaitPhase(RECOVERED);
      h.env.sleep(Duration.ofMinutes(10));
      h.observe(HealthState.Unhealthy, "CrashLoopBackOff");

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(phases())
          .containsExactly(MITIGATING, RECOVERED, PROBATION, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.incidents.phases.get(2).message())
          .contains("recurred within 30m of recovery (CrashLoopBackOff)");
      assertThat(h.fakes.actions.performed())
          .containsExactly("k8s.deletePod:ACTION", "k8s.rolloutRestart:ACTION");
    }

    @Test
    void nonRetryableFailure_movesToTheNextRungAtOnce() {
      h.fakes.actions.script("k8s.deletePod", FAIL_INVALID_PARAMS);
      h.fakes.actions.script("k8s.rolloutRestart", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(h.fakes.actions.performed())
          .as("InvalidParams is not retried")
          .containsExactly("k8s.deletePod:ACTION", "k8s.rolloutRestart:ACTION");
      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.incidents.kinds()).contains("action.failed");
      assertThat(h.fakes.incidents.phases.get(1).message())
          .contains("rung 1 `k8s.deletePod` failed: InvalidParams: replicas must be set");
      assertThat(h.fakes.calls)
          .containsSubsequence(
              "k8s.deletePod:ACTION", "recordTimeline:action.failed", "releaseLease:unverified");
    }

    @Test
    void transientFailure_isRetriedWithBackoffAndTheRungSucceeds() {
      h.fakes.actions.script("k8s.deletePod", FAIL_TRANSIENT, FAIL_TRANSIENT, SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.attempts()).as("retries are not ladder attempts").isEqualTo(1);
      assertThat(h.fakes.actions.performed())
          .containsExactly("k8s.deletePod:ACTION", "k8s.deletePod:ACTION", "k8s.deletePod:ACTION");
      assertThat(phases()).containsExactly(MITIGATING, RECOVERED, HEALTHY);
    }
  }

  @Nested
  @DisplayName("TERMINAL")
  class Terminal {

    @Test
    void exhaustedLadder_pagesAHuman_andResolvesThePageWhenSignalsClear() {
      h.startRepair(POD, CRASHLOOP);
      h.env.sleep(Duration.ofMinutes(16));
      h.awaitCall("triggerPage");
      String incidentId = h.fakes.incidents.opened.getFirst().incidentId();

      h.observe(HealthState.Healthy);
      RemediationResult result = h.result();

      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, TERMINAL, HEALTHY);
      PhaseChange terminal = h.fakes.incidents.phases.get(3);
      assertThat(terminal.status()).isEqualTo(IncidentStatus.TERMINAL);
      assertThat(terminal.message()).startsWith("ladder exhausted after 2 rungs");
      var page = h.fakes.paging.triggered.getFirst();
      assertThat(page.dedupKey()).isEqualTo(incidentId);
      assertThat(page.severity()).isEqualTo("critical");
      assertThat(page.source()).isEqualTo(POD.id());
      assertThat(page.component()).isEqualTo("k8s/Pod");
      assertThat(page.group()).isEqualTo("prod-eu");
      assertThat(page.eventClass()).isEqualTo("crashloop-pod");
      assertThat(page.customDetails()).containsEntry("attempts", "2/3");
      assertThat(h.fakes.paging.resolved).extracting(r -> r.dedupKey()).containsExactly(incidentId);
      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.resolvedBy()).isEqualTo("vigil");
      assertThat(lastPhaseChange().status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(h.fakes.incidents.kinds()).contains("page.triggered");
    }

    @Test
    void resolveManually_endsTheTerminalRepairAndResolvesThePage() {
      h.startRepair(POD, CRASHLOOP);
      h.env.sleep(Duration.ofMinutes(16));
      h.awaitCall("triggerPage");

      h.workflow().resolveManually(new ManualResolution("carol", "restarted the node by hand"));
      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.resolvedBy()).isEqualTo("carol");
      assertThat(result.message())
          .isEqualTo("resolved manually by carol: restarted the node by hand");
      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, TERMINAL, HEALTHY);
      assertThat(lastPhaseChange().actor()).isEqualTo("carol");
      assertThat(h.fakes.paging.resolved).hasSize(1);
    }

    @Test
    void maxAttemptsReachedBeforeTheLadderEnds_goesTerminal() {
      Policy oneAttempt =
          policy(
              """
              - name: one-attempt
                match: { resourceType: k8s/Pod }
                maxAttempts: 1
                ladder:
                  - { action: k8s.deletePod, verifyWithin: 5m }
                  - { action: k8s.rolloutRestart, target: owner }
              """);
      h.startRepair(POD, oneAttempt);
      h.env.sleep(Duration.ofMinutes(6));
      h.awaitCall("triggerPage");
      h.observe(HealthState.Healthy);

      h.result();

      assertThat(phases()).containsExactly(MITIGATING, TERMINAL, HEALTHY);
      assertThat(h.fakes.incidents.phases.get(1).message()).startsWith("max attempts (1) reached");
      assertThat(h.fakes.actions.performed()).containsExactly("k8s.deletePod:ACTION");
    }
  }

  @Nested
  @DisplayName("Compensation and CANCELLED")
  class Compensation {

    static final Policy TWO_UNDOABLE_RUNGS =
        policy(
            """
            - name: node-pressure
              match: { resourceType: k8s/Pod }
              ladder:
                - action: k8s.scale
                  target: owner
                  params: { replicas: 3 }
                  compensate: { action: k8s.scale, target: owner, params: { replicas: 2 } }
                  verifyWithin: 5m
                - action: k8s.drain
                  target: node
                  compensate: { action: k8s.uncordon, target: node }
                  verifyWithin: 10m
            """);

    @Test
    void cancelMidRung_interruptsTheActionAndRunsCompensationsInReverse() {
      h.fakes.actions.script("k8s.drain", BLOCK_UNTIL_CANCELLED);
      h.startRepair(POD, TWO_UNDOABLE_RUNGS);
      CompletableFuture<RemediationResult> ending = h.resultAsync(); // time skips to rung 2
      h.awaitCall("k8s.drain");

      h.workflow().cancelMitigation(new CancelRequest("alice", "maintenance window"));
      RemediationResult result = ending.join();

      assertThat(result.phase()).isEqualTo(CANCELLED);
      assertThat(result.resolvedBy()).isEqualTo("alice");
      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, CANCELLED);
      assertThat(h.fakes.actions.performed())
          .containsExactly(
              "k8s.scale:ACTION:3",
              "k8s.drain:ACTION",
              "k8s.uncordon:COMPENSATION",
              "k8s.scale:COMPENSATION:2");
      ActionRequest undoDrain = h.fakes.actions.requests.get(2);
      assertThat(undoDrain.target()).isEqualTo("node");
      assertThat(undoDrain.context().rung()).isEqualTo(2);
      assertThat(undoDrain.context().attempt()).isEqualTo(2);
      assertThat(h.fakes.leases.releases).hasSize(2);
      PhaseChange cancelled = lastPhaseChange();
      assertThat(cancelled.status()).isEqualTo(IncidentStatus.CANCELLED);
      assertThat(cancelled.actor()).isEqualTo("alice");
      assertThat(cancelled.message()).isEqualTo("cancelled by alice: maintenance window");
      assertThat(h.fakes.incidents.kinds()).contains("compensation");
    }

    @Test
    void cancelWhileRecovered_undoesTheScaleAndEndsCancelled() {
      h.fakes.actions.script("docker.scale", SUCCEED_AND_CLEAR);
      h.startRepair(APP, HIGH_CPU, false, "HighCPU");
      h.awaitPhase(RECOVERED);

      h.workflow().cancelMitigation(new CancelRequest("alice", null));
      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(CANCELLED);
      assertThat(phases()).containsExactly(MITIGATING, RECOVERED, CANCELLED);
      assertThat(h.fakes.actions.performed())
          .containsExactly("docker.scale:ACTION:2", "docker.scale:COMPENSATION:1");
      assertThat(h.fakes.leases.releases)
          .singleElement()
          .satisfies(r -> assertThat(r.verified()).isTrue());
    }

    @Test
    void temporalLevelCancel_compensatesAndRecordsCancelled() {
      h.fakes.actions.script("docker.scale", BLOCK_UNTIL_CANCELLED);
      h.startRepair(APP, HIGH_CPU, false, "HighCPU");
      h.awaitCall("docker.scale");

      h.stub().cancel();

      assertThatThrownBy(h::result)
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
      assertThat(h.fakes.actions.performed())
          .containsExactly("docker.scale:ACTION:2", "docker.scale:COMPENSATION:1");
      assertThat(phases()).containsExactly(MITIGATING, CANCELLED);
      assertThat(lastPhaseChange().actor()).isEqualTo("temporal");
      assertThat(h.fakes.leases.releases).hasSize(1);
    }
  }

  @Nested
  @DisplayName("AWAITING_APPROVAL")
  class Approval {

    @Test
    void approvedRung_actsAfterTheDecision_andIgnoresADecisionForAnotherStep() {
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.startRepair(POD, APPROVAL_FIRST);
      h.awaitPhase(AWAITING_APPROVAL);

      h.workflow().decideApproval(new ApprovalDecision(2, Decision.APPROVE, "bob", "wrong step"));
      h.workflow().decideApproval(new ApprovalDecision(1, Decision.APPROVE, "bob", "go"));
      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(phases()).containsExactly(AWAITING_APPROVAL, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.incidents.kinds())
          .containsExactly("approval.requested", "approval.decided");
      assertThat(h.fakes.incidents.timeline.get(1).actor()).isEqualTo("bob");
      assertThat(h.fakes.incidents.timeline.get(1).message())
          .isEqualTo("rung 1 `k8s.deletePod` approved by bob: go");
      assertThat(h.fakes.actions.performed()).containsExactly("k8s.deletePod:ACTION");
    }

    @Test
    void signalsClearingWhileAwaitingApproval_withdrawTheRequestAndNothingIsDone() {
      h.startRepair(POD, APPROVAL_FIRST);
      h.awaitPhase(AWAITING_APPROVAL);

      h.observe(HealthState.Healthy);
      RemediationResult result = h.result();

      assertThat(result.attempts()).isZero();
      assertThat(phases()).containsExactly(AWAITING_APPROVAL, RECOVERED, HEALTHY);
      assertThat(h.fakes.incidents.phases.get(1).message())
          .startsWith("signals cleared before rung 1 `k8s.deletePod` acted");
      assertThat(h.fakes.actions.requests).isEmpty();
      assertThat(h.fakes.leases.requests).isEmpty();
    }

    @Test
    void rejectedRung_isSkippedWithoutCountingAnAttempt() {
      h.fakes.actions.script("k8s.rolloutRestart", SUCCEED_AND_CLEAR);
      h.startRepair(POD, APPROVAL_FIRST);
      h.awaitPhase(AWAITING_APPROVAL);

      h.workflow().decideApproval(new ApprovalDecision(1, Decision.REJECT, "bob", "too risky"));
      RemediationResult result = h.result();

      assertThat(result.attempts()).isEqualTo(1);
      assertThat(phases()).containsExactly(AWAITING_APPROVAL, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.actions.performed()).containsExactly("k8s.rolloutRestart:ACTION");
      assertThat(h.fakes.incidents.timeline.get(1).message())
          .isEqualTo("rung 1 `k8s.deletePod` rejected by bob: too risky");
      assertThat(h.fakes.incidents.phases.get(1).rung()).isEqualTo(2);
    }

    @Test
    void approvalTimeout_escalatesToTerminalWithAPage() {
      h.startRepair(POD, APPROVAL_FIRST);
      h.env.sleep(Duration.ofMinutes(61));
      h.awaitCall("triggerPage");
      h.workflow().resolveManually(new ManualResolution("carol", null));

      RemediationResult result = h.result();

      assertThat(phases()).containsExactly(AWAITING_APPROVAL, TERMINAL, HEALTHY);
      assertThat(h.fakes.incidents.phases.get(1).message())
          .isEqualTo("approval for rung 1 timed out after 1h");
      assertThat(h.fakes.paging.triggered.getFirst().summary())
          .contains("approval for rung 1 timed out");
      assertThat(h.fakes.actions.requests).isEmpty();
      assertThat(result.attempts()).isZero();
      assertThat(result.resolvedBy()).isEqualTo("carol");
    }
  }

  @Nested
  @DisplayName("THROTTLED")
  class Throttled {

    @Test
    void refusedLease_throttlesThenActsOnceAdmitted_andSendsOneStormPage() {
      h.fakes.leases.refuse(3, Duration.ofMinutes(1), true);
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(phases()).containsExactly(THROTTLED, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.leases.requests).hasSize(4);
      assertThat(h.fakes.paging.triggered)
          .extracting(p -> p.dedupKey())
          .containsExactly("storm:cluster=prod-eu");
      assertThat(h.fakes.incidents.phases.getFirst().message())
          .contains("lease refused in cluster=prod-eu (max-unhealthy-fraction)");
      assertThat(h.fakes.actions.performed()).containsExactly("k8s.deletePod:ACTION");
    }
  }

  @Nested
  @DisplayName("Dry run")
  class DryRun {

    @Test
    void globalDryRun_walksTheLadderRecordingWouldDoEverywhere() {
      h.startRepair(POD, CRASHLOOP, true, "CrashLoopBackOff");
      h.env.sleep(Duration.ofMinutes(16));
      h.awaitCall("triggerPage");
      h.observe(HealthState.Healthy);

      h.result();

      assertThat(phases()).containsExactly(MITIGATING, PROBATION, MITIGATING, TERMINAL, HEALTHY);
      assertThat(h.fakes.incidents.opened.getFirst().dryRun()).isTrue();
      assertThat(h.fakes.actions.requests).hasSize(2).allMatch(r -> r.context().dryRun());
      assertThat(h.fakes.paging.triggered).allMatch(p -> p.dryRun());
      assertThat(h.fakes.paging.resolved).allMatch(p -> p.dryRun());
      assertThat(h.workflow().status().lastActions())
          .extracting(ActionRecord::outcome)
          .containsOnly("WOULD_DO");
    }

    @Test
    void policyDryRun_marksActionsAsDryRun() {
      Policy dryPolicy =
          policy(
              """
              - name: dry
                match: { resourceType: k8s/Pod }
                dryRun: true
                ladder:
                  - { action: k8s.deletePod }
              """);
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.startRepair(POD, dryPolicy);

      h.result();

      assertThat(h.fakes.actions.requests.getFirst().context().dryRun()).isTrue();
      assertThat(h.workflow().status().dryRun()).isTrue();
    }
  }

  @Nested
  @DisplayName("EventPulse (docs/design.md app-high-cpu)")
  class EventPulse {

    @Test
    void highCpu_scalesToTwo_thenLowCpuRevertsToOne_andResolves() {
      h.fakes.actions.script("docker.scale", SUCCEED_AND_CLEAR);
      h.startRepair(APP, HIGH_CPU, false, "HighCPU");
      h.awaitPhase(RECOVERED);
      h.env.sleep(Duration.ofMinutes(5));
      h.observe(HealthState.Degraded, "LowCPU");

      RemediationResult result = h.result();

      assertThat(result.phase()).isEqualTo(HEALTHY);
      assertThat(result.message()).isEqualTo("reverted on LowCPU");
      assertThat(phases()).containsExactly(MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.actions.performed())
          .containsExactly("docker.scale:ACTION:2", "docker.scale:COMPENSATION:1");
      assertThat(lastPhaseChange().status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(h.fakes.paging.triggered).isEmpty();
    }

    @Test
    void scaleFailsNotReady_compensatesToOne_andEndsFailedWithAPage() {
      h.fakes.actions.script("docker.scale", FAIL_NOT_READY, SUCCEED);
      h.startRepair(APP, HIGH_CPU, false, "HighCPU");
      h.awaitCall("triggerPage");
      h.workflow().resolveManually(new ManualResolution("dave", "scaled by hand"));

      h.result();

      assertThat(h.fakes.actions.performed())
          .containsExactly("docker.scale:ACTION:2", "docker.scale:COMPENSATION:1");
      assertThat(phases()).containsExactly(MITIGATING, TERMINAL, HEALTHY);
      PhaseChange terminal = h.fakes.incidents.phases.get(1);
      assertThat(terminal.status()).isEqualTo(IncidentStatus.FAILED);
      assertThat(terminal.message())
          .contains("rung 1 `docker.scale` failed: NotReady: replica 2 never became healthy");
      assertThat(h.fakes.calls)
          .containsSubsequence(
              "docker.scale:ACTION",
              "recordTimeline:action.failed",
              "docker.scale:COMPENSATION",
              "recordTimeline:compensation",
              "releaseLease:unverified",
              "recordPhase:TERMINAL",
              "triggerPage:" + h.fakes.incidents.opened.getFirst().incidentId());
      assertThat(h.fakes.paging.triggered.getFirst().summary())
          .isEqualTo(
              "Vigil could not repair docker/service/app: ladder exhausted after 1 rung"
                  + " (last: rung 1 `docker.scale` failed: NotReady: replica 2 never became"
                  + " healthy)");
    }
  }

  @Nested
  @DisplayName("observe(): idempotent and ordered")
  class Observations {

    @Test
    void duplicateAndStaleObservations_areIgnored() {
      h.fakes.actions.script("k8s.rolloutRestart", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);
      h.awaitCall("k8s.deletePod");
      HealthObservation trigger = h.trigger();

      // Healthy, but observed before the trigger: an out-of-order event.
      h.send(
          new HealthObservation(
              "late-1",
              POD.id(),
              HealthState.Healthy,
              trigger.observedAt().minus(Duration.ofMinutes(1)),
              List.of(),
              null,
              "CrashLoopBackOff"));
      // Healthy, but with the trigger's event id: a redelivery must not change anything.
      h.send(
          new HealthObservation(
              trigger.eventId(),
              POD.id(),
              HealthState.Healthy,
              trigger.observedAt(),
              List.of(),
              null,
              null));
      assertThat(h.workflow().status().health()).isEqualTo(HealthState.Unhealthy);

      h.result();

      assertThat(phases())
          .as("rung 1 did not clear: both observations were ignored")
          .containsExactly(MITIGATING, PROBATION, MITIGATING, RECOVERED, HEALTHY);
    }
  }

  @Nested
  @DisplayName("Continue-as-new")
  class ContinueAsNew {

    static final Policy THREE_RUNGS =
        policy(
            """
            - name: three-rungs
              match: { resourceType: k8s/Pod }
              ladder:
                - { action: k8s.deletePod, verifyWithin: 5m }
                - { action: k8s.rolloutRestart, target: owner, verifyWithin: 5m }
                - { action: k8s.patchResources, params: { memoryFactor: 1.5 }, verifyWithin: 5m }
            """);

    @Test
    void continueAsNewBetweenRungs_keepsAttemptsIncidentAndTimelineSequence() {
      h.close();
      h =
          RemediationHarness.start(
              RemediationHarness.testOptions().withContinueAsNewAfterEvents(15));
      h.fakes.actions.script("k8s.patchResources", SUCCEED_AND_CLEAR);
      h.startRepair(POD, THREE_RUNGS);

      RemediationResult result = h.result();

      assertThat(h.fakes.runIds).as("ran in more than one run").hasSizeGreaterThan(1);
      assertThat(h.fakes.incidents.opened).hasSize(1);
      String incidentId = h.fakes.incidents.opened.getFirst().incidentId();
      assertThat(result.incidentId()).isEqualTo(incidentId);
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(h.fakes.incidents.phases).allMatch(p -> p.incidentId().equals(incidentId));
      assertThat(h.fakes.incidents.phases)
          .extracting(PhaseChange::seq)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      assertThat(phases())
          .containsExactly(
              MITIGATING, PROBATION, MITIGATING, PROBATION, MITIGATING, RECOVERED, HEALTHY);
      assertThat(h.fakes.actions.requests)
          .extracting(r -> r.context().attempt())
          .containsExactly(1, 2, 3);
      WorkflowExecutionDescription description = h.stub().describe();
      assertThat(description.getTypedSearchAttributes().get(VigilSearchAttributes.RESOURCE_ID))
          .isEqualTo(POD.id());
      assertThat(description.getTypedSearchAttributes().get(VigilSearchAttributes.ATTEMPTS))
          .isEqualTo(3L);
    }

    @Test
    void continueAsNewWhileTerminal_keepsThePageOpenAndResolvesItOnce() {
      Policy oneRung =
          policy(
              """
              - name: one-rung
                match: { resourceType: k8s/Pod }
                ladder:
                  - { action: k8s.deletePod, verifyWithin: 5m }
              """);
      h.close();
      h =
          RemediationHarness.start(
              RemediationHarness.testOptions().withContinueAsNewAfterEvents(30));
      h.startRepair(POD, oneRung);
      String firstRun = h.stub().describe().getExecution().getRunId();
      h.env.sleep(Duration.ofMinutes(6));
      h.awaitCall("triggerPage");

      for (int i = 0; i < 6; i++) {
        h.observe(HealthState.Unhealthy, "CrashLoopBackOff", "OOMKilled");
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !h.stub().describe().getExecution().getRunId().equals(firstRun));
      assertThat(h.workflow().status().phase()).isEqualTo(TERMINAL);
      h.workflow().resolveManually(new ManualResolution("erin", null));
      RemediationResult result = h.result();

      String incidentId = h.fakes.incidents.opened.getFirst().incidentId();
      assertThat(result.incidentId()).isEqualTo(incidentId);
      assertThat(h.fakes.paging.triggered).hasSize(1);
      assertThat(h.fakes.paging.resolved).extracting(p -> p.dedupKey()).containsExactly(incidentId);
      assertThat(phases()).containsExactly(MITIGATING, TERMINAL, HEALTHY);
    }
  }

  @Nested
  @DisplayName("Visibility: search attributes, summary, details, status(), metric")
  class Visibility {

    @Test
    void searchAttributesSummaryAndDetails_areVisibleThroughDescribe() {
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      // A plain start with the relay's options: the test server drops the user metadata (static
      // summary and details) of signalWithStart, a real server keeps it.
      h.startRepairWithoutSignal(POD, APPROVAL_FIRST);
      h.awaitPhase(AWAITING_APPROVAL);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> currentDetails().contains("awaiting approval"));

      WorkflowExecutionDescription waiting = h.stub().describe();
      var attributes = waiting.getTypedSearchAttributes();
      assertThat(attributes.get(VigilSearchAttributes.RESOURCE_ID)).isEqualTo(POD.id());
      assertThat(attributes.get(VigilSearchAttributes.RESOURCE_TYPE)).isEqualTo("k8s/Pod");
      assertThat(attributes.get(VigilSearchAttributes.CLUSTER)).isEqualTo("prod-eu");
      assertThat(attributes.get(VigilSearchAttributes.PHASE)).isEqualTo("AWAITING_APPROVAL");
      assertThat(attributes.get(VigilSearchAttributes.ATTEMPTS)).isZero();
      assertThat(waiting.getStaticSummary())
          .isEqualTo("Repair k8s/prod-eu/payments/Pod/api-7c9 with policy risky-first (2 rungs)");
      assertThat(waiting.getStaticDetails())
          .isEqualTo(RemediationClient.staticDetails(POD, APPROVAL_FIRST));
      assertThat(currentDetails())
          .startsWith("**Rung 1/2 `k8s.deletePod`**: awaiting approval of step 1 until ");

      h.workflow().decideApproval(new ApprovalDecision(1, Decision.APPROVE, "bob", null));
      h.result();

      var done = h.stub().describe().getTypedSearchAttributes();
      assertThat(done.get(VigilSearchAttributes.PHASE)).isEqualTo("HEALTHY");
      assertThat(done.get(VigilSearchAttributes.ATTEMPTS)).isEqualTo(1L);
      assertThat(activitySummaries()).containsExactly("k8s.deletePod payments/api-7c9");
      assertThat(currentDetails()).startsWith("**HEALTHY**: quiet for 30m");
    }

    @Test
    void statusQuery_reportsPhaseRungPendingApprovalAndLastActions() {
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.startRepair(POD, APPROVAL_FIRST);
      h.awaitPhase(AWAITING_APPROVAL);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> h.workflow().status().pendingApproval() != null);

      RemediationStatus waiting = h.workflow().status();

      assertThat(waiting.workflowId()).isEqualTo(POD.workflowId());
      assertThat(waiting.policy()).isEqualTo("risky-first");
      assertThat(waiting.phase()).isEqualTo(AWAITING_APPROVAL);
      assertThat(waiting.rung()).isEqualTo(1);
      assertThat(waiting.attempts()).isZero();
      assertThat(waiting.maxAttempts()).isEqualTo(2);
      assertThat(waiting.incidentId()).isEqualTo(h.fakes.incidents.opened.getFirst().incidentId());
      assertThat(waiting.health()).isEqualTo(HealthState.Unhealthy);
      PendingApproval pending = waiting.pendingApproval();
      assertThat(pending.step()).isEqualTo(1);
      assertThat(pending.action()).isEqualTo("k8s.deletePod");
      assertThat(Duration.between(pending.requestedAt(), pending.expiresAt()))
          .isEqualTo(Duration.ofHours(1));
      assertThat(waiting.lastActions()).isEmpty();

      h.workflow().decideApproval(new ApprovalDecision(1, Decision.APPROVE, "bob", null));
      h.result();

      RemediationStatus done = h.workflow().status();
      assertThat(done.phase()).isEqualTo(HEALTHY);
      assertThat(done.pendingApproval()).isNull();
      assertThat(done.health()).isEqualTo(HealthState.Healthy);
      assertThat(done.lastActions())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.action()).isEqualTo("k8s.deletePod");
                assertThat(a.outcome()).isEqualTo("SUCCEEDED");
                assertThat(a.rung()).isEqualTo(1);
                assertThat(a.compensation()).isFalse();
                assertThat(a.at()).isAfter(Instant.EPOCH);
              });
    }

    @Test
    void completion_countsTheEndPhaseInTheMetric() {
      h.fakes.actions.script("k8s.deletePod", SUCCEED_AND_CLEAR);
      h.startRepair(POD, CRASHLOOP);
      h.result();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  h.counters.entrySet().stream()
                      .anyMatch(
                          e ->
                              e.getKey().startsWith(RemediationWorkflowImpl.COMPLETED_METRIC + "{")
                                  && e.getKey().contains("phase=HEALTHY")
                                  && e.getValue() == 1L));
    }

    private String currentDetails() {
      return h.stub()
          .query("__temporal_workflow_metadata", WorkflowMetadata.class)
          .getCurrentDetails();
    }

    private List<String> activitySummaries() {
      return h.history().getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          .map(HistoryEvent::getUserMetadata)
          .map(
              m ->
                  DefaultDataConverter.newDefaultInstance()
                      .fromPayload(m.getSummary(), String.class, String.class))
          .toList();
    }
  }
}
