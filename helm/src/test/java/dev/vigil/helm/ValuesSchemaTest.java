package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** values.schema.json rejects values that would render a broken release. */
class ValuesSchemaTest {

  @Test
  void anUnknownTopLevelValueIsRejected() {
    assertThatThrownBy(() -> VigilChart.withDefaults().set("dryrun", true).render())
        .hasMessageContaining("dryrun");
  }

  @Test
  void aBadSearchAttributeModeIsRejected() {
    assertThatThrownBy(
            () -> VigilChart.withDefaults().set("searchAttributes.mode", "sidecar").render())
        .hasMessageContaining("mode");
  }

  @Test
  void aNonNumericPartitionCountIsRejected() {
    assertThatThrownBy(
            () -> VigilChart.withDefaults().set("kafka.signalsPartitions", "many").render())
        .hasMessageContaining("signalsPartitions");
  }
}
