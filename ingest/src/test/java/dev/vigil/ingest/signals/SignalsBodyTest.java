package dev.vigil.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.envelope.SignalStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalsBodyTest {
  private static final Instant NOW = Instant.parse("2026-01-08T11:00:00Z");
  private final SignalsBody body = new SignalsBody(Clock.fixed(NOW, ZoneOffset.UTC));

  private static final String CLOUD_EVENT =
      """
      {"specversion":"1.0","id":"42","source":"/monitoring","type":"dev.vigil.signal",
       "subject":"docker/service/app","time":"2026-01-08T10:00:00Z",
       "data":{"reason":"HighCPU","severity":"warning","labels":{"service":"app"}}}
      """;

  private List<SignalDraft> parse(String json, String contentType) {
    return body.parse(json.getBytes(StandardCharsets.UTF_8), contentType).drafts();
  }

  @Test
  void envelopes_getDefaults_andTypesInferredFromTheId() {
    SignalDraft draft =
        parse("[{\"resourceId\":\"k8s/c/ns/Pod/p\",\"reason\":\"OOMKilled\"}]", "application/json")
            .get(0);

    assertThat(draft.resourceType()).isEqualTo("k8s/Pod");
    assertThat(draft.status()).isEqualTo(SignalStatus.FIRING);
    assertThat(draft.code()).isEqualTo("Signal");
    assertThat(draft.observedAt()).isEqualTo(NOW);
  }

  @Test
  void cloudEvents_structuredAndBatch_subjectIsTheResource_timeIsTheObservation() {
    SignalDraft one = parse(CLOUD_EVENT, "application/cloudevents+json; charset=utf-8").get(0);
    List<SignalDraft> batch =
        parse(
            "[" + CLOUD_EVENT + "," + CLOUD_EVENT.replace("\"42\"", "\"43\"") + "]",
            "application/cloudevents-batch+json");

    assertThat(one.resourceId()).isEqualTo("docker/service/app");
    assertThat(one.resourceType()).isEqualTo("docker/service");
    assertThat(one.id()).isEqualTo("/monitoring#42");
    assertThat(one.source()).isEqualTo("cloudevents");
    assertThat(one.observedAt()).isEqualTo(Instant.parse("2026-01-08T10:00:00Z"));
    assertThat(one.labels()).containsEntry("service", "app");
    assertThat(batch)
        .extracting(SignalDraft::id)
        .containsExactly("/monitoring#42", "/monitoring#43");
  }

  @Test
  void cloudEventsInAPlainJsonArray_areRecognized() {
    assertThat(parse("[" + CLOUD_EVENT + "]", "application/json").get(0).id())
        .isEqualTo("/monitoring#42");
  }

  @Test
  void badCloudEvents_nameTheField() {
    assertThatThrownBy(
            () -> parse(CLOUD_EVENT.replace("\"1.0\"", "\"0.3\""), "application/cloudevents+json"))
        .isInstanceOf(InvalidSignalException.class)
        .extracting(e -> ((InvalidSignalException) e).field())
        .isEqualTo("specversion");
    assertThatThrownBy(
            () -> parse(CLOUD_EVENT.replace("\"HighCPU\"", "7"), "application/cloudevents+json"))
        .extracting(e -> ((InvalidSignalException) e).field())
        .isEqualTo("data.reason");
    assertThatThrownBy(() -> parse("[" + CLOUD_EVENT + "]", "application/cloudevents+json"))
        .hasMessageContaining("application/cloudevents-batch+json");
  }
}
