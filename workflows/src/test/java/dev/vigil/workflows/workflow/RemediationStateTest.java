package dev.vigil.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RemediationState}: what travels over continue-as-new, and which signals count. */
class RemediationStateTest {
  static final String RESOURCE = "k8s/prod/payments/Pod/api-7c9";
  static final Instant T0 = Instant.parse("2026-01-08T10:00:00Z");

  static final HealthObservation UNHEALTHY =
      new HealthObservation(
          "e1", RESOURCE, HealthState.Unhealthy, T0, List.of("CrashLoopBackOff"), "error", null);

  static CarriedState carried(Phase phase) {
    return new CarriedState(
        "inc-1",
        2,
        1,
        phase,
        7,
        UNHEALTHY,
        List.of("e0", "e1"),
        List.of(
            new ActionRecord(1, 1, "k8s.deletePod", false, "SUCCEEDED", "deleted", T0),
            new ActionRecord(2, 2, "k8s.rolloutRestart", false, "FAILED", "NotReady", T0)),
        true,
        "inc-1");
  }

  @Test
  void fresh_startsUnhealthy_withTheTriggerApplied() {
    RemediationState state = RemediationState.from(null, RESOURCE, UNHEALTHY);

    assertThat(state.phase).isEqualTo(Phase.UNHEALTHY);
    assertThat(state.incidentId).isNull();
    assertThat(state.observations.last()).isEqualTo(UNHEALTHY);
    assertThat(state.approvedRung).isEqualTo(-1);
    assertThat(state.searchAttributesStale()).isFalse();
    assertThat(state.atRest()).isTrue();
  }

  @Test
  void carriedState_roundTrips_andTheSequenceGoesOn() {
    RemediationState state = RemediationState.from(carried(Phase.PROBATION), RESOURCE, null);

    assertThat(state.toCarried()).isEqualTo(carried(Phase.PROBATION));
    assertThat(state.lastActionName).isEqualTo("k8s.rolloutRestart");
    assertThat(state.currentRung).isEqualTo(1);
    assertThat(state.approvedRung).isEqualTo(-1);
    assertThat(state.nextSeq()).isEqualTo(8);
  }

  @Test
  void continuedInThrottled_doesNotAskForTheRungsApprovalAgain() {
    RemediationState state = RemediationState.from(carried(Phase.THROTTLED), RESOURCE, null);

    assertThat(state.throttledEpisode).isTrue();
    assertThat(state.approvedRung).isEqualTo(1);
    assertThat(state.currentRung).isEqualTo(2);
  }

  @Test
  void onlyTheFirstCancel_counts_andNoneOnceTheRepairEnded() {
    RemediationState state = RemediationState.from(null, RESOURCE, UNHEALTHY);

    assertThat(state.acceptCancel(new CancelRequest("alice", "wrong pod"))).isTrue();
    assertThat(state.acceptCancel(new CancelRequest("bob", null))).isFalse();
    state.cancelUnlessRequested(new CancelRequest("temporal", "cancelled"));
    assertThat(state.cancel.by()).isEqualTo("alice");
    assertThat(state.cancelledOrClear()).isTrue();
    assertThat(state.atRest()).isFalse();

    RemediationState ended = RemediationState.from(carried(Phase.HEALTHY), RESOURCE, null);
    assertThat(ended.acceptCancel(new CancelRequest("alice", null))).isFalse();
  }

  @Test
  void approvalDecision_countsOnlyForTheStepAwaitingIt_andOnlyOnce() {
    RemediationState state = RemediationState.from(null, RESOURCE, UNHEALTHY);
    ApprovalDecision approve = new ApprovalDecision(1, ApprovalDecision.Decision.APPROVE, "b", "");

    assertThat(state.acceptDecision(approve)).isFalse();
    state.awaitApproval(new PendingApproval(1, "k8s.deletePod", T0, T0.plusSeconds(60)));
    assertThat(state.acceptDecision(new ApprovalDecision(2, approve.decision(), "b", "")))
        .isFalse();
    assertThat(state.acceptDecision(approve)).isTrue();
    assertThat(state.acceptDecision(approve)).isFalse();
    assertThat(state.closeApproval()).isEqualTo(approve);
    assertThat(state.pendingApproval).isNull();
    assertThat(state.closeApproval()).isNull();
  }

  @Test
  void manualResolution_countsOnlyInTerminal() {
    RemediationState climbing = RemediationState.from(carried(Phase.PROBATION), RESOURCE, null);
    RemediationState paged = RemediationState.from(carried(Phase.TERMINAL), RESOURCE, null);
    ManualResolution dave = new ManualResolution("dave", "scaled by hand");

    assertThat(climbing.acceptManualResolution(dave)).isFalse();
    assertThat(paged.acceptManualResolution(dave)).isTrue();
    assertThat(paged.acceptManualResolution(new ManualResolution("erin", null))).isFalse();
  }

  @Test
  void recentActions_keepTheNewest() {
    RemediationState state = RemediationState.from(null, RESOURCE, UNHEALTHY);

    for (int i = 1; i <= RemediationState.LAST_ACTIONS + 2; i++) {
      state.remember(i, "a" + i, false, "SUCCEEDED", "ok", T0);
    }

    assertThat(state.lastActions()).hasSize(RemediationState.LAST_ACTIONS);
    assertThat(state.lastActions().getFirst().action()).isEqualTo("a3");
  }

  @Test
  void searchAttributes_areStaleAfterAPhaseOrAttemptChange_untilUpserted() {
    RemediationState state = RemediationState.from(null, RESOURCE, UNHEALTHY);

    state.phase = Phase.MITIGATING;
    state.attempts++;
    assertThat(state.searchAttributesStale()).isTrue();
    state.searchAttributesUpserted();
    assertThat(state.searchAttributesStale()).isFalse();
  }
}
