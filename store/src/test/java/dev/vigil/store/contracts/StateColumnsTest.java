package dev.vigil.store.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
