package dev.vigil.store.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateColumnsTest {
  private static final Instant T0 = Instant.parse("2026-01-08T09:00:00Z");

  @Test
  void activeSignals_roundTrip_isoInstants_lowerCaseSeverity_nullsLeftOut() {
    List<ActiveSignal> signals =
        List.of(
            new ActiveSignal("K8sEvent", "BackOff", 2, Severity.WARNING, T0, T0, "m", T0),
            new ActiveSignal("HighCPU", "", 1, Severity.ERROR, T0, T0, null, null));

    String json = StateColumns.write(signals);

    assertThat(StateColumns.activeSignals(json)).isEqualTo(signals);
    assertThat(json)
        .contains("\"firstSeen\":\"2026-01-08T09:00:00Z\"", "\"severity\":\"error\"")
        .doesNotContain("null");
  }

  @Test
  void labels_roundTrip() {
    Map<String, String> labels = Map.of("vigil.dev/org", "acme", "a", "ü \"quoted\"");

    assertThat(StateColumns.labels(StateColumns.write(labels))).isEqualTo(labels);
  }

  @Test
  void absentColumnsReadEmpty_unknownFieldsAreIgnored_badJsonSaysWhichShape() {
    assertThat(StateColumns.activeSignals(null)).isEmpty();
    assertThat(StateColumns.labels(" ")).isEmpty();
    assertThat(
            StateColumns.activeSignals(
                "[{\"code\":\"c\",\"reason\":\"r\",\"count\":1,\"severity\":\"info\","
                    + "\"addedLater\":true}]"))
        .containsExactly(new ActiveSignal("c", "r", 1, Severity.INFO, null, null, null, null));
    assertThatThrownBy(() -> StateColumns.activeSignals("{\"not\":\"a list\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ActiveSignal");
  }

  @Test
  void outboxPaths_areTheJsonbOperatorsOfTheirPointers() {
    assertThat(Outbox.namespaceSql("o.payload"))
        .isEqualTo("o.payload -> 'resource' ->> 'namespace'");
    assertThat(Outbox.severitySql("payload")).isEqualTo("payload -> 'observation' ->> 'severity'");
  }

  private static final Instant T = Instant.parse("2026-12-03T08:01:02.123456789Z");

  @Test
  void activeSignals_handWritten_isTheTextDatabindWrites_andReadsBack() {
    List<ActiveSignal> signals =
        List.of(
            new ActiveSignal(
                "Alert", "HighCPU", 3, Severity.CRITICAL, T, T.plusSeconds(5), "CPU > 90%", null),
            new ActiveSignal(
                "K8sEvent",
                "BackOff",
                1,
                Severity.WARNING,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00.5Z"),
                "quote \" backslash \\ tab \t newline \n unicode é ✓ control \u0001",
                T.plusSeconds(900)),
            new ActiveSignal("Alert", "NoMessage", 0, null, null, null, null, null));

    String json = StateColumns.writeActiveSignals(signals);

    assertThat(json).isEqualTo(StateColumns.write(signals));
    assertThat(StateColumns.activeSignals(json)).isEqualTo(signals);
    assertThat(StateColumns.writeActiveSignals(List.of())).isEqualTo("[]");
  }

  @Test
  void labels_handWritten_isTheTextDatabindWrites() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "payments");
    labels.put("app.kubernetes.io/name", "api \"v2\" ü");
    labels.put("empty", "");
    labels.put("absent", null);

    assertThat(StateColumns.writeLabels(labels)).isEqualTo(StateColumns.write(labels));
    assertThat(StateColumns.labels(StateColumns.writeLabels(labels))).isEqualTo(labels);
    assertThat(StateColumns.writeLabels(Map.of())).isEqualTo("{}");
  }

  @Test
  void randomSignals_handWritten_isTheTextDatabindWrites() {
    Random random = new Random(42);
    for (int n = 0; n < 500; n++) {
      List<ActiveSignal> signals = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        Instant seen = T.plusNanos(random.nextLong(1_000_000_000_000L));
        signals.add(
            new ActiveSignal(
                random.nextBoolean() ? "Alert" : "K8sEvent",
                "R" + random.nextInt(1000),
                random.nextInt(100),
                Severity.values()[random.nextInt(Severity.values().length)],
                seen,
                seen.plusMillis(random.nextInt(10_000)),
                random.nextBoolean() ? "msg " + random.nextInt() : null,
                random.nextBoolean() ? seen.plusSeconds(600) : null));
      }
      assertThat(StateColumns.writeActiveSignals(signals)).isEqualTo(StateColumns.write(signals));
    }
  }
}
