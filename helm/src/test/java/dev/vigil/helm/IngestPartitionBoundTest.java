package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ingest consumers beyond the partition count of vigil.signals would idle: rendering fails. */
class IngestPartitionBoundTest {

  @Test
  void replicasUpToThePartitionCountRender() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("kafka.signalsPartitions", 12)
            .set("ingest.replicaCount", 12)
            .render();

    assertThat(chart.get("Deployment", "vigil-ingest").at("/spec/replicas").asInt()).isEqualTo(12);
  }

  @Test
  void replicasBeyondThePartitionCountFailRendering() {
    assertThatThrownBy(
            () ->
                VigilChart.withDefaults()
                    .set("kafka.signalsPartitions", 6)
                    .set("ingest.replicaCount", 7)
                    .render())
        .hasMessageContaining("ingest.replicaCount (7) exceeds kafka.signalsPartitions (6)");
  }

  @Test
  void anHpaMaximumBeyondThePartitionCountFailsRendering() {
    assertThatThrownBy(
            () ->
                VigilChart.withDefaults()
                    .set("kafka.signalsPartitions", 6)
                    .set("ingest.autoscaling.enabled", true)
                    .set("ingest.autoscaling.maxReplicas", 8)
                    .render())
        .hasMessageContaining(
            "ingest.autoscaling.maxReplicas (8) exceeds kafka.signalsPartitions (6)");
  }

  @Test
  void anIngestHpaWithinThePartitionCountTargetsIngest() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("ingest.autoscaling.enabled", true)
            .set("ingest.autoscaling.maxReplicas", 6)
            .render();

    assertThat(
            chart
                .get("HorizontalPodAutoscaler", "vigil-ingest")
                .at("/spec/scaleTargetRef/name")
                .asText())
        .isEqualTo("vigil-ingest");
    assertThat(chart.get("Deployment", "vigil-ingest").at("/spec/replicas").isMissingNode())
        .isTrue();
  }
}
