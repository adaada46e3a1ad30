package dev.vigil.ingest.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.platform.VigilConfig;
import dev.vigil.store.contracts.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  private final Normalizer normalizer =
      new Normalizer(
          new NormalizationRules(
              List.of("CrashLoopBackOff", "OOMKilled", "EtcdDown"),
              Map.of("p1", "critical"),
              Map.of("NodeNotReady", "error"),
              "warning",
              List.of("Normal"),
              List.of("Pulled"),
              List.of("alertname=Watchdog", "team=*"),
              null),
          new VigilConfig("prod-eu", false),
          List.of(
              new ReasonRewrite(
                  "eventrouter",
                  "BackOff",
                  "Back-off restarting failed container",
                  "CrashLoopBackOff")));

  private static SignalDraft draft(
      String source,
      String reason,
      String rawSeverity,
      String eventType,
      Map<String, String> labels,
      String message) {
    return new SignalDraft(
        "[0]",
        null,
        source,
        "k8s/x/ns/Pod/p",
        "k8s/Pod",
        null,
        "ns",
        null,
        "K8sEvent",
        reason,
        eventType,
        rawSeverity,
        SignalStatus.FIRING,
        null,
        message,
        labels,
        Instant.parse("2026-01-08T10:00:00Z"));
  }

  private Optional<Signal> normalize(String reason, String rawSeverity) {
    return normalizer.normalize(draft("signals", reason, rawSeverity, null, Map.of(), null));
  }

  @Test
  void criticalReasons_areCriticalWhateverTheSourceSays() {
    Signal signal = normalize("OOMKilled", "info").orElseThrow();

    assertThat(signal.critical()).isTrue();
    assertThat(signal.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void severityWords_mapThroughAliases_reasonOverrides_andADefault() {
    assertThat(normalize("X", "P1").orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(normalize("X", "high").orElseThrow().severity()).isEqualTo(Severity.ERROR);
    assertThat(normalize("X", "Warning").orElseThrow().severity()).isEqualTo(Severity.WARNING);
    assertThat(normalize("X", "Normal").orElseThrow().severity()).isEqualTo(Severity.INFO);
    assertThat(normalize("X", null).orElseThrow().severity()).isEqualTo(Severity.WARNING);
    assertThat(normalize("X", "whatever").orElseThrow().severity()).isEqualTo(Severity.WARNING);
    assertThat(normalize("NodeNotReady", "info").orElseThrow().severity())
        .isEqualTo(Severity.ERROR);
    assertThat(normalize("X", "critical").orElseThrow().critical()).isTrue();
  }

  @Test
  void noiseFilters_dropNormalEvents_reasons_andLabels() {
    assertThat(
            normalizer.normalize(
                draft("eventrouter", "Scheduled", "Normal", "Normal", Map.of(), null)))
        .isEmpty();
    assertThat(normalize("Pulled", "info")).isEmpty();
    assertThat(
            normalizer.normalize(
                draft(
                    "alertmanager", "Watchdog", null, null, Map.of("alertname", "Watchdog"), null)))
        .isEmpty();
    assertThat(
            normalizer.normalize(
                draft("alertmanager", "X", null, null, Map.of("team", "any"), null)))
        .isEmpty();
    assertThat(
            normalizer.normalize(
                draft("alertmanager", "X", null, null, Map.of("alertname", "X"), null)))
        .isPresent();
  }

  @Test
  void reasonRewrites_turnTheKubeletsBackOffIntoCrashLoopBackOff() {
    Signal signal =
        normalizer
            .normalize(
                draft(
                    "eventrouter",
                    "BackOff",
                    "Warning",
                    "Warning",
                    Map.of(),
                    "Back-off restarting failed container api in pod api_x"))
            .orElseThrow();

    assertThat(signal.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(signal.critical()).isTrue();
    assertThat(
            normalizer
                .normalize(
                    draft(
                        "eventrouter",
                        "BackOff",
                        "Warning",
                        "Warning",
                        Map.of(),
                        "Back-off pulling image"))
                .orElseThrow()
                .reason())
        .isEqualTo("BackOff");
  }

  @Test
  void theClusterDefaults_andIdsAreDerivedDeterministically() {
    Signal a = normalize("X", null).orElseThrow();
    Signal b = normalize("X", null).orElseThrow();

    assertThat(a.cluster()).isEqualTo("prod-eu");
    assertThat(a.id()).isEqualTo(b.id()).startsWith("signals:");
  }
}
