package dev.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  @Test
  void build_withoutOtlpEndpoint_exportsOnlyToAddedExporters_withTheServiceResource() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = Telemetry.build("vigil-test", Map.of(), List.of(spans))) {
      sdk.getTracer("t").spanBuilder("one").startSpan().end();

      assertThat(spans.getFinishedSpanItems()).hasSize(1);
      Resource resource = spans.getFinishedSpanItems().get(0).getResource();
      assertThat(resource.getAttribute(Telemetry.SERVICE_NAME))
          .isIn("vigil-test", System.getenv("OTEL_SERVICE_NAME"));
      assertThat(resource.getAttribute(Telemetry.SERVICE_VERSION)).isEqualTo(Telemetry.version());
      assertThat(resource.getAttribute(Telemetry.SERVICE_INSTANCE_ID)).isNotBlank();
    }
  }

  @Test
  void version_isTheProjectVersion() {
    assertThat(Telemetry.version()).isNotEqualTo("unknown").doesNotContain("${");
  }

  @Test
  void resource_takesK8sAttributesFromTheDownwardApi_andThePodAsInstanceId() {
    Resource configured =
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "vigil-worker"));
    Resource resource =
        Telemetry.resource(
            configured,
            Map.of(
                "K8S_POD_NAME", "vigil-worker-7c9-abc",
                "K8S_NAMESPACE_NAME", "vigil",
                "K8S_NODE_NAME", "node-1"));

    assertThat(resource.getAttribute(Telemetry.SERVICE_NAME)).isEqualTo("vigil-worker");
    assertThat(resource.getAttribute(Telemetry.K8S_POD_NAME)).isEqualTo("vigil-worker-7c9-abc");
    assertThat(resource.getAttribute(Telemetry.K8S_NAMESPACE_NAME)).isEqualTo("vigil");
    assertThat(resource.getAttribute(Telemetry.K8S_NODE_NAME)).isEqualTo("node-1");
    assertThat(resource.getAttribute(Telemetry.SERVICE_INSTANCE_ID))
        .isEqualTo("vigil-worker-7c9-abc");
  }

  @Test
  void resource_configuredAttributesWin() {
    Resource configured =
        Resource.create(
            Attributes.of(
                Telemetry.K8S_POD_NAME, "from-otel-resource-attributes",
                Telemetry.SERVICE_INSTANCE_ID, "given"));
    Resource resource = Telemetry.resource(configured, Map.of("K8S_POD_NAME", "from-env"));

    assertThat(resource.getAttribute(Telemetry.K8S_POD_NAME))
        .isEqualTo("from-otel-resource-attributes");
    assertThat(resource.getAttribute(Telemetry.SERVICE_INSTANCE_ID)).isEqualTo("given");
  }

  @Test
  void traceparent_roundTripsThroughKafkaHeadersAndText() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = Telemetry.build("vigil-test", Map.of(), List.of(spans))) {
      TraceContexts contexts = new TraceContexts(sdk.getPropagators());
      Span span = sdk.getTracer("t").spanBuilder("receive").startSpan();
      RecordHeaders headers = new RecordHeaders();
      try (var ignored = span.makeCurrent()) {
        contexts.inject(headers);
      }
      span.end();

      Context fromKafka = contexts.extract(headers);
      assertThat(Span.fromContext(fromKafka).getSpanContext().getTraceId())
          .isEqualTo(span.getSpanContext().getTraceId());
      String traceparent = contexts.traceparent(fromKafka);
      assertThat(traceparent).contains(span.getSpanContext().getSpanId());
      assertThat(
              Span.fromContext(contexts.fromTraceparent(traceparent)).getSpanContext().getSpanId())
          .isEqualTo(span.getSpanContext().getSpanId());
      assertThat(Span.fromContext(contexts.fromTraceparent(null)).getSpanContext().isValid())
          .isFalse();
      assertThat(Span.fromContext(contexts.extract(new RecordHeaders())).getSpanContext().isValid())
          .isFalse();
    }
  }
}
