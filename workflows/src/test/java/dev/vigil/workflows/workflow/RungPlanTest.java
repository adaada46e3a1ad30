package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.RemediationHarness.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.policy.Policy;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RungPlanTest {

  static final Policy POLICY =
      policy(
          """
          - name: p
            match: { resourceType: k8s/Pod }
            ladder:
              - { action: k8s.deletePod, verifyWithin: 5m, timeout: 1m, retry: { maxAttempts: 3, initialInterval: 1s, maxInterval: 10s } }
              - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
          """);

  final RungPlan first = new Ladder(POLICY).plan(0);
  final RungPlan second = new Ladder(POLICY).plan(1);

  @Test
  void label_namesStepActionAndTarget() {
    assertThat(first.label()).isEqualTo("Rung 1/2 `k8s.deletePod`");
    assertThat(second.label()).isEqualTo("Rung 2/2 `k8s.rolloutRestart` on owner");
    assertThat(second.shortLabel()).isEqualTo("rung 2 `k8s.rolloutRestart`");
    assertThat(second.step()).isEqualTo(2);
  }

  @Test
  void actionOptions_comeFromTheRung_withNonRetryableErrorsAndASummary() {
    ActivityOptions options = first.actionOptions(Duration.ofSeconds(30), "k8s.deletePod ns/pod");

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(3);
    assertThat(options.getRetryOptions().getInitialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.getRetryOptions().getMaximumInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.getRetryOptions().getDoNotRetry())
        .containsExactlyElementsOf(ActionErrors.NON_RETRYABLE);
    assertThat(options.getCancellationType())
        .isEqualTo(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
    assertThat(options.getSummary()).isEqualTo("k8s.deletePod ns/pod");
  }

  @Test
  void onlyLongActions_heartbeat() {
    assertThat(first.actionOptions(Duration.ofSeconds(30), "s").getHeartbeatTimeout()).isNull();
    assertThat(second.actionOptions(Duration.ofSeconds(30), "s").getHeartbeatTimeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void leaseTtl_coversEveryAttemptWithBackoffTheVerificationAndAMargin() {
    // 3 x 1m + 2 x 10s + 5m verify + 5m margin
    assertThat(first.leaseTtl(Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofMinutes(13).plusSeconds(20));
  }
}
