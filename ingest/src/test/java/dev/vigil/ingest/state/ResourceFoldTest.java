package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import dev.vigil.workflows.workflow.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResourceFoldTest {
  private static final String ID = "k8s/prod/payments/Pod/api";
  private static final Instant NOW = Instant.parse("2026-01-08T10:00:00Z");
  private static final ResourceFold.Rules RULES =
      new ResourceFold.Rules() {
        @Override
        public Duration ttl(String code, String reason) {
          return code.equals("K8sEvent") ? Duration.ofMinutes(15) : null;
        }

        @Override
        public boolean isRevertReason(String resourceType, String reason) {
          return reason.equals("LowCPU");
        }
      };

  private static ResourceState healthy() {
    return new ResourceState(
        ID,
        "k8s/Pod",
        "prod",
        "payments",
        "api",
        null,
        HealthState.Healthy,
        List.of(),
        Map.of(),
        Map.of(),
        null,
        null,
        null);
  }

  /** The row with its sweep planned at {@code look}. */
  private static ResourceState withExpiry(ResourceState row, Instant look) {
    return new ResourceState(
        row.id(),
        row.type(),
        row.cluster(),
        row.namespace(),
        row.name(),
        row.component(),
        row.health(),
        row.activeSignals(),
        row.marks(),
        row.labels(),
        row.lastEventTimestamp(),
        row.lastTransitionAt(),
        look);
  }

  private static int seq;

  private static Signal signal(
      String code, String reason, Severity severity, SignalStatus status, Instant observedAt) {
    return new Signal(
        "e" + (++seq),
        "test",
        ID,
        "k8s/Pod",
        "prod",
        "payments",
        null,
        code,
        reason,
        severity,
        status,
        severity == Severity.CRITICAL,
        null,
        Map.of("pod", "api"),
        observedAt);
  }

  private static Signal firing(String reason, Severity severity, Instant at) {
    return signal("Alert", reason, severity, SignalStatus.FIRING, at);
  }

  private static Signal resolved(String reason, Instant at) {
    return signal("Alert", reason, Severity.WARNING, SignalStatus.RESOLVED, at);
  }

  @Nested
  @DisplayName("health")
  class Health {
    @Test
    void onlyWarnings_degraded_anErrorOrCritical_unhealthy_nothing_healthy() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(firing("HighLatency", Severity.WARNING, NOW.minusSeconds(50)));
      assertThat(fold.state().health()).isEqualTo(HealthState.Degraded);
      fold.apply(firing("EtcdDown", Severity.CRITICAL, NOW.minusSeconds(40)));
      assertThat(fold.state().health()).isEqualTo(HealthState.Unhealthy);
      fold.apply(resolved("EtcdDown", NOW.minusSeconds(30)));
      assertThat(fold.state().health()).isEqualTo(HealthState.Degraded);
      fold.apply(resolved("HighLatency", NOW.minusSeconds(20)));

      assertThat(fold.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(fold.changes())
          .extracting(HealthChange::current)
          .containsExactly(
              HealthState.Degraded,
              HealthState.Unhealthy,
              HealthState.Degraded,
              HealthState.Healthy);
    }

    @Test
    void infoSignals_areActiveButNotAdverse() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(firing("Deployed", Severity.INFO, NOW.minusSeconds(5)));

      assertThat(fold.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(fold.state().activeSignals())
          .extracting(ActiveSignal::reason)
          .containsExactly("Deployed");
      assertThat(fold.changes()).isEmpty();
    }

    @Test
    void aChangeCarriesTheReasonsActiveRightThen_evenIfTheBatchChangesThemAgain() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(firing("CrashLoopBackOff", Severity.CRITICAL, NOW.minusSeconds(10)));
      fold.apply(resolved("CrashLoopBackOff", NOW.minusSeconds(5)));

      HealthChange unhealthy = fold.changes().get(0);
      assertThat(unhealthy.adverseReasons()).containsExactly("CrashLoopBackOff");
      assertThat(unhealthy.severity()).isEqualTo("critical");
      HealthChange healthy = fold.changes().get(1);
      assertThat(healthy.activeReasons()).isEmpty();
      assertThat(healthy.severity()).isNull();
      assertThat(healthy.previous()).isEqualTo(HealthState.Unhealthy);
    }
  }

  @Nested
  @DisplayName("order safety")
  class OrderSafety {
    @Test
    void resolvedObservedBeforeAnOlderFiring_staysHealthy() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(resolved("HighCPU", NOW.minusSeconds(10)));
      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(20)));

      assertThat(fold.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(fold.state().activeSignals()).isEmpty();
      assertThat(fold.changes()).isEmpty();
    }

    @Test
    void aLaterBatchWithAnOlderFiring_cannotReviveTheSignal() {
      ResourceFold first = new ResourceFold(healthy(), RULES, NOW);
      first.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(30)));
      first.apply(resolved("HighCPU", NOW.minusSeconds(10)));

      ResourceFold second = new ResourceFold(first.state(), RULES, NOW);
      second.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(20)));

      assertThat(second.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(second.changes()).isEmpty();
    }

    @Test
    void atEqualTimes_theResolutionWins_whateverTheArrivalOrder() {
      Instant at = NOW.minusSeconds(10);
      ResourceFold resolvedFirst = new ResourceFold(healthy(), RULES, NOW);
      resolvedFirst.apply(resolved("HighCPU", at));
      resolvedFirst.apply(firing("HighCPU", Severity.ERROR, at));
      ResourceFold firingFirst = new ResourceFold(healthy(), RULES, NOW);
      firingFirst.apply(firing("HighCPU", Severity.ERROR, at));
      firingFirst.apply(resolved("HighCPU", at));

      assertThat(resolvedFirst.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(firingFirst.state().health()).isEqualTo(HealthState.Healthy);
    }

    @Test
    void aFiringNewerThanTheResolution_firesAgainAsANewActivation() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);
      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(30)));
      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(25)));
      fold.apply(resolved("HighCPU", NOW.minusSeconds(20)));

      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(10)));

      ActiveSignal signal = fold.state().activeSignals().get(0);
      assertThat(signal.count()).isEqualTo(1);
      assertThat(signal.firstSeen()).isEqualTo(NOW.minusSeconds(10));
      assertThat(fold.changes()).hasSize(3);
    }
  }

  @Nested
  @DisplayName("counts")
  class Counts {
    @Test
    void distinctEventsWhileActive_areCounted_withFirstAndLastSeen() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(firing("HighCPU", Severity.WARNING, NOW.minusSeconds(30)));
      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(10)));
      fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(20)));

      ActiveSignal signal = fold.state().activeSignals().get(0);
      assertThat(signal.count()).isEqualTo(3);
      assertThat(signal.firstSeen()).isEqualTo(NOW.minusSeconds(30));
      assertThat(signal.lastSeen()).isEqualTo(NOW.minusSeconds(10));
      assertThat(signal.severity()).isEqualTo(Severity.ERROR);
      assertThat(fold.state().lastEventTimestamp()).isEqualTo(NOW.minusSeconds(10));
    }
  }

  @Nested
  @DisplayName("duplicates from the source")
  class Duplicates {
    @Test
    void theSameEventTwice_countsOnce_andChangesNothing_evenAcrossFolds() {
      Signal event = firing("CrashLoopBackOff", Severity.CRITICAL, NOW.minusSeconds(30));
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW).apply(event).apply(event);

      assertThat(fold.duplicates()).isEqualTo(1);
      assertThat(fold.state().activeSignals().get(0).count()).isEqualTo(1);
      assertThat(fold.changes()).hasSize(1);

      // the other member of an HA pair, a batch later: the row's mark remembers the id
      ResourceFold later = new ResourceFold(fold.state(), RULES, NOW).apply(event);
      assertThat(later.duplicates()).isEqualTo(1);
      assertThat(later.state()).isEqualTo(fold.state());
      assertThat(later.changes()).isEmpty();
    }

    @Test
    void aLateCopyOfAnOlderEpisode_isRecognised_thoughTheSignalMovedOn() {
      Signal first = firing("HighCPU", Severity.ERROR, NOW.minusSeconds(300));
      Signal resolvedFirst = resolved("HighCPU", NOW.minusSeconds(200));
      Signal second = firing("HighCPU", Severity.ERROR, NOW.minusSeconds(100));
      ResourceFold fold =
          new ResourceFold(healthy(), RULES, NOW).apply(first).apply(resolvedFirst).apply(second);

      fold.apply(first); // the lagging HA member resends the first episode

      assertThat(fold.duplicates()).isEqualTo(1);
      assertThat(fold.state().activeSignals().get(0).count()).isEqualTo(1);
    }

    @Test
    void aSignalRemembersItsLastEightEventIds_only() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);
      Signal oldest = firing("HighCPU", Severity.ERROR, NOW.minusSeconds(100));
      fold.apply(oldest);
      for (int i = 1; i <= 8; i++) {
        fold.apply(firing("HighCPU", Severity.ERROR, NOW.minusSeconds(100 - i)));
      }
      SignalMark mark = fold.state().marks().get("Alert|HighCPU");
      assertThat(mark.recent().size()).isEqualTo(RecentIds.CAPACITY);
      assertThat(mark.saw(SignalMark.hash(oldest.id()))).isFalse();

      fold.apply(oldest); // forgotten: counted again, but older than the mark, so no state change
      assertThat(fold.duplicates()).isZero();
      assertThat(fold.state().activeSignals().get(0).count()).isEqualTo(10);
      assertThat(fold.state().health()).isEqualTo(HealthState.Unhealthy);
    }
  }

  @Nested
  @DisplayName("TTL")
  class Ttl {
    @Test
    void aKubernetesEventExpires_asATransitionWithADeterministicId() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW.minus(Duration.ofMinutes(20)));
      fold.apply(
          signal(
              "K8sEvent",
              "BackOff",
              Severity.WARNING,
              SignalStatus.FIRING,
              NOW.minus(Duration.ofMinutes(20))));
      assertThat(fold.state().nextExpiryAt()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));

      ResourceFold later = new ResourceFold(fold.state(), RULES, NOW).expire();

      assertThat(later.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(later.state().nextExpiryAt()).isNull();
      assertThat(later.changes())
          .singleElement()
          .satisfies(
              change -> {
                assertThat(change.eventId())
                    .isEqualTo(
                        "expiry:" + ID + ":K8sEvent|BackOff:" + NOW.minus(Duration.ofMinutes(5)));
                assertThat(change.previous()).isEqualTo(HealthState.Degraded);
              });
    }

    @Test
    void anEventAlreadyOlderThanItsTtl_activatesNothing() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

      fold.apply(
          signal(
              "K8sEvent",
              "BackOff",
              Severity.ERROR,
              SignalStatus.FIRING,
              NOW.minus(Duration.ofHours(1))));

      assertThat(fold.state().health()).isEqualTo(HealthState.Healthy);
      assertThat(fold.changes()).isEmpty();
    }

    @Test
    void seeingTheEventAgain_pushesTheExpiryOut() {
      ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);
      fold.apply(
          signal(
              "K8sEvent",
              "BackOff",
              Severity.WARNING,
              SignalStatus.FIRING,
              NOW.minus(Duration.ofMinutes(10))));
      fold.apply(
          signal(
              "K8sEvent",
              "BackOff",
              Severity.WARNING,
              SignalStatus.FIRING,
              NOW.minus(Duration.ofMinutes(1))));

      assertThat(fold.state().nextExpiryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));
    }

    @Test
    void aRefreshInALaterBatch_keepsThePlannedLook_whichThenMovesToTheExpiry() {
      ResourceFold first = new ResourceFold(healthy(), RULES, NOW);
      first.apply(
          signal(
              "K8sEvent", "BackOff", Severity.WARNING, SignalStatus.FIRING, NOW.minusSeconds(60)));
      Instant planned = NOW.plus(Duration.ofMinutes(14));
      assertThat(first.state().nextExpiryAt()).isEqualTo(planned);

      // refreshed a minute later: the signal now expires at +15m, the row keeps its look at +14m
      Instant later = NOW.plusSeconds(60);
      ResourceFold refreshed = new ResourceFold(first.state(), RULES, later);
      refreshed.apply(
          signal(
              "K8sEvent", "BackOff", Severity.WARNING, SignalStatus.FIRING, NOW.plusSeconds(30)));
      assertThat(refreshed.state().activeSignals().getFirst().expiresAt())
          .isEqualTo(NOW.plus(Duration.ofMinutes(15)).plusSeconds(30));
      assertThat(refreshed.state().nextExpiryAt()).isEqualTo(planned);

      // the sweep at the planned look expires nothing and plans the look at the real expiry
      ResourceFold swept = new ResourceFold(refreshed.state(), RULES, planned).expire();
      assertThat(swept.changes()).isEmpty();
      assertThat(swept.state().health()).isEqualTo(HealthState.Degraded);
      assertThat(swept.state().nextExpiryAt())
          .isEqualTo(NOW.plus(Duration.ofMinutes(15)).plusSeconds(30));
    }

    @Test
    void aSignalThatWouldExpireBeforeThePlannedLook_bringsTheLookForward() {
      ResourceState planned = withExpiry(healthy(), NOW.plus(Duration.ofHours(1)));
      ResourceFold fold = new ResourceFold(planned, RULES, NOW);
      fold.apply(
          signal(
              "K8sEvent", "BackOff", Severity.WARNING, SignalStatus.FIRING, NOW.minusSeconds(60)));

      assertThat(fold.state().nextExpiryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));
    }
  }

  @Test
  void aRevertReasonStartingToFire_isAChangeWithoutATransition() {
    ResourceFold fold = new ResourceFold(healthy(), RULES, NOW);

    fold.apply(firing("LowCPU", Severity.INFO, NOW.minusSeconds(5)));
    fold.apply(firing("LowCPU", Severity.INFO, NOW.minusSeconds(4)));

    assertThat(fold.changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.isTransition()).isFalse();
              assertThat(change.trigger()).isEqualTo("LowCPU");
              assertThat(change.activeReasons()).containsExactly("LowCPU");
            });
  }
}
