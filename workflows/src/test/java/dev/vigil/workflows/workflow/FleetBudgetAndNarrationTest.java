package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.RemediationHarness.APP;
import static dev.vigil.workflows.workflow.RemediationHarness.POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.policy.ActionSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FleetBudgetAndNarrationTest {

  @Nested
  class Budget {
    @Test
    void scope_listsThePolicyDimensionsWithTheResourceValues() {
      assertThat(FleetBudget.scope(List.of("cluster"), POD)).isEqualTo("cluster=prod-eu");
      assertThat(FleetBudget.scope(List.of("cluster", "type"), POD))
          .isEqualTo("cluster=prod-eu,type=k8s/Pod");
      assertThat(FleetBudget.scope(List.of("cluster", "namespace"), APP))
          .isEqualTo("cluster=local,namespace=-");
    }

    @Test
    void retryDelay_isKeptBetweenFloorAndCeiling() {
      Duration floor = Duration.ofSeconds(15);
      Duration ceiling = Duration.ofMinutes(10);
      assertThat(FleetBudget.retryDelay(Duration.ZERO, floor, ceiling)).isEqualTo(floor);
      assertThat(FleetBudget.retryDelay(null, floor, ceiling)).isEqualTo(floor);
      assertThat(FleetBudget.retryDelay(Duration.ofMinutes(2), floor, ceiling))
          .isEqualTo(Duration.ofMinutes(2));
      assertThat(FleetBudget.retryDelay(Duration.ofHours(1), floor, ceiling)).isEqualTo(ceiling);
    }

    @Test
    void stormPage_isDedupedPerScope() {
      assertThat(FleetBudget.stormDedupKey("cluster=prod-eu")).isEqualTo("storm:cluster=prod-eu");
    }
  }

  @Nested
  class Summaries {
    @Test
    void actionSummaries_sayWhatIsDoneToWhat() {
      assertThat(
              Narration.action(
                  new ActionSpec("docker.scale", "self", Map.of("replicas", "2")), APP))
          .isEqualTo("docker.scale app -> 2 replicas");
      assertThat(
              Narration.action(
                  new ActionSpec("docker.scale", "self", Map.of("replicas", "1")), APP))
          .isEqualTo("docker.scale app -> 1 replica");
      assertThat(Narration.action(new ActionSpec("k8s.deletePod", "self", Map.of()), POD))
          .isEqualTo("k8s.deletePod payments/api-7c9");
      assertThat(Narration.action(new ActionSpec("k8s.rolloutRestart", "owner", Map.of()), POD))
          .isEqualTo("k8s.rolloutRestart owner of payments/api-7c9");
      assertThat(Narration.action(new ActionSpec("k8s.drain", "node", Map.of()), POD))
          .isEqualTo("k8s.drain node of payments/api-7c9");
      assertThat(
              Narration.action(
                  new ActionSpec("k8s.patchResources", "self", Map.of("memoryFactor", "1.5")), POD))
          .isEqualTo("k8s.patchResources payments/api-7c9 memory x1.5");
    }

    @Test
    void activitySummary_marksUndoAndDryRun() {
      assertThat(Narration.activitySummary("docker.scale app -> 1 replica", true, true))
          .isEqualTo("dry run: undo: docker.scale app -> 1 replica");
    }

    @Test
    void failure_isOneLineWithTheStableType() {
      assertThat(
              Narration.failure(
                  ApplicationFailure.newNonRetryableFailure("replica never healthy", "NotReady")))
          .isEqualTo("NotReady: replica never healthy");
    }

    @Test
    void incident_namesTheTriggerAndTheResource() {
      HealthObservation trigger =
          new HealthObservation(
              "e", POD.id(), HealthState.Unhealthy, null, List.of("OOMKilled"), "critical", null);
      assertThat(Narration.incident(POD, trigger))
          .isEqualTo("OOMKilled on k8s/prod-eu/payments/Pod/api-7c9");
    }
  }
}
