package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.ObservationLog.Verdict.APPLIED;
import static dev.vigil.workflows.workflow.ObservationLog.Verdict.DUPLICATE;
import static dev.vigil.workflows.workflow.ObservationLog.Verdict.FOREIGN;
import static dev.vigil.workflows.workflow.ObservationLog.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationLogTest {
  static final String RESOURCE = "docker/service/app";
  static final Instant T0 = Instant.parse("2026-01-08T10:00:00Z");

  final ObservationLog log = new ObservationLog(RESOURCE, 3);

  static HealthObservation obs(String id, HealthState health, Instant at, String... reasons) {
    return new HealthObservation(id, RESOURCE, health, at, List.of(reasons), null, null);
  }

  @Test
  void appliedObservation_decidesWhetherTheResourceIsClear() {
    assertThat(log.isClear()).isFalse();
    assertThat(log.apply(obs("a", HealthState.Unhealthy, T0))).isEqualTo(APPLIED);
    assertThat(log.isClear()).isFalse();
    assertThat(log.apply(obs("b", HealthState.Healthy, T0.plusSeconds(1)))).isEqualTo(APPLIED);
    assertThat(log.isClear()).isTrue();
    assertThat(log.health()).isEqualTo(HealthState.Healthy);
  }

  @Test
  void sameEventIdTwice_isADuplicateAndChangesNothing() {
    log.apply(obs("a", HealthState.Unhealthy, T0));

    assertThat(log.apply(obs("a", HealthState.Healthy, T0.plusSeconds(5)))).isEqualTo(DUPLICATE);
    assertThat(log.isClear()).isFalse();
  }

  @Test
  void observationOlderThanTheLastApplied_isStale() {
    log.apply(obs("a", HealthState.Unhealthy, T0));

    assertThat(log.apply(obs("b", HealthState.Healthy, T0.minusSeconds(1)))).isEqualTo(STALE);
    assertThat(log.apply(obs("c", HealthState.Healthy, T0))).as("same instant").isEqualTo(APPLIED);
  }

  @Test
  void staleObservation_isNotRemembered_soItsIdStaysUsable() {
    log.apply(obs("a", HealthState.Unhealthy, T0));
    log.apply(obs("late", HealthState.Healthy, T0.minusSeconds(1)));

    assertThat(log.recentEventIds()).containsExactly("a");
  }

  @Test
  void observationForAnotherResource_isForeign() {
    HealthObservation other =
        new HealthObservation("x", "k8s/other", HealthState.Healthy, T0, List.of(), null, null);

    assertThat(log.apply(other)).isEqualTo(FOREIGN);
    assertThat(log.last()).isNull();
  }

  @Test
  void eventIdMemory_isBounded_oldestForgottenFirst() {
    for (int i = 1; i <= 4; i++) {
      log.apply(obs("e" + i, HealthState.Unhealthy, T0.plusSeconds(i)));
    }

    assertThat(log.recentEventIds()).containsExactly("e2", "e3", "e4");
  }

  @Test
  void observationWithoutTimestamp_isApplied_andOrderingContinuesFromTheLastTimestamp() {
    log.apply(obs("a", HealthState.Unhealthy, T0));

    assertThat(log.apply(obs("b", HealthState.Healthy, null))).isEqualTo(APPLIED);
    assertThat(log.last().observedAt()).isEqualTo(T0);
    assertThat(log.apply(obs("c", HealthState.Unhealthy, T0.minusSeconds(1)))).isEqualTo(STALE);
  }

  @Test
  void restoredLog_keepsDuplicatesAndOrderingAcrossContinueAsNew() {
    ObservationLog restored =
        ObservationLog.restore(RESOURCE, 3, obs("b", HealthState.Unhealthy, T0), List.of("a", "b"));

    assertThat(restored.apply(obs("a", HealthState.Healthy, T0.plusSeconds(1))))
        .isEqualTo(DUPLICATE);
    assertThat(restored.apply(obs("c", HealthState.Healthy, T0.minusSeconds(1)))).isEqualTo(STALE);
    assertThat(restored.isClear()).isFalse();
  }

  @Test
  void firingOf_findsARevertReasonAmongTheActiveOnes() {
    log.apply(obs("a", HealthState.Degraded, T0, "LowCPU", "DiskWarn"));

    assertThat(log.firingOf(List.of("LowCPU"))).isEqualTo("LowCPU");
    assertThat(log.firingOf(List.of("HighCPU"))).isNull();
    assertThat(new ObservationLog(RESOURCE, 3).firingOf(List.of("LowCPU"))).isNull();
  }
}
