package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.RemediationHarness.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Policy;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LadderAndCompensationsTest {

  static final Policy THREE_RUNGS_TWO_ATTEMPTS =
      policy(
          """
          - name: p
            match: { resourceType: k8s/Pod }
            maxAttempts: 2
            ladder:
              - action: k8s.scale
                target: owner
                params: { replicas: 3 }
                compensate: { action: k8s.scale, target: owner, params: { replicas: 2 } }
              - { action: k8s.rolloutRestart, target: owner }
              - action: k8s.cordon
                target: node
                compensate: { action: k8s.uncordon, target: node }
          """);

  @Nested
  class LadderDecisions {
    final Ladder ladder = new Ladder(THREE_RUNGS_TWO_ATTEMPTS);

    @Test
    void nextRung_isDueWhileRungsAndAttemptsRemain() {
      assertThat(ladder.next(0, 0)).hasValue(0);
      assertThat(ladder.next(1, 1)).hasValue(1);
    }

    @Test
    void rejectedRungs_doNotCountAsAttempts_soALaterRungIsStillDue() {
      assertThat(ladder.next(2, 1)).hasValue(2);
    }

    @Test
    void maxAttempts_endsTheLadderBeforeItsLastRung() {
      assertThat(ladder.next(2, 2)).isEmpty();
      assertThat(ladder.endReason(2, 2)).isEqualTo("max attempts (2) reached");
    }

    @Test
    void exhaustedLadder_saysHowManyRungsItHad() {
      assertThat(ladder.next(3, 1)).isEmpty();
      assertThat(ladder.endReason(3, 1)).isEqualTo("ladder exhausted after 3 rungs");
    }
  }

  @Nested
  class Saga {
    final Ladder ladder = new Ladder(THREE_RUNGS_TWO_ATTEMPTS);
    final Compensations saga = new Compensations();

    @Test
    void compensations_runNewestFirst_andDrainingEmptiesTheStack() {
      saga.register(ladder.plan(0), 1);
      saga.register(ladder.plan(1), 2); // declares none
      saga.register(ladder.plan(2), 3);

      assertThat(saga.size()).isEqualTo(2);
      assertThat(saga.drainNewestFirst())
          .extracting(Compensations.Compensation::action, Compensations.Compensation::attempt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  new ActionSpec("k8s.uncordon", "node", Map.of()), 3),
              org.assertj.core.groups.Tuple.tuple(
                  new ActionSpec("k8s.scale", "owner", Map.of("replicas", "2")), 1));
      assertThat(saga.isEmpty()).isTrue();
      assertThat(saga.drainNewestFirst()).isEmpty();
    }
  }
}
