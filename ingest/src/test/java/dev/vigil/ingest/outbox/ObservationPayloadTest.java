package dev.vigil.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationPayloadTest {
  @Test
  void roundTripsWithTemporalsJackson_policyAndObservationIncluded() throws Exception {
    Policy policy;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("policies/default.yaml")) {
      policy = PolicyLoader.load(in).get(0);
    }
    HealthObservation observation =
        new HealthObservation(
            "alertmanager:f:firing:2026-01-08T10:00:00Z",
            "k8s/c/ns/Pod/p",
            HealthState.Unhealthy,
            Instant.parse("2026-01-08T10:00:00Z"),
            List.of("CrashLoopBackOff"),
            "critical",
            "CrashLoopBackOff");
    ObservationPayload payload =
        new ObservationPayload(
            new ResourceRef("k8s/c/ns/Pod/p", "k8s/Pod", "c", "ns", "p", Map.of("pod", "p")),
            observation,
            HealthState.Healthy,
            policy);

    String json = payload.toJson();
    ObservationPayload back = ObservationPayload.fromJson(json);

    assertThat(back).isEqualTo(payload);
    assertThat(json)
        .contains("\"previousHealth\":\"Healthy\"", "\"healthState\":\"Unhealthy\"")
        .doesNotContain("\"clear\"");
    // What the relay sends, Temporal's default converter reads back (the workflow's view).
    var converter = DefaultDataConverter.newDefaultInstance();
    HealthObservation signalled =
        converter.fromPayload(
            converter.toPayload(observation).orElseThrow(),
            HealthObservation.class,
            HealthObservation.class);
    assertThat(signalled).isEqualTo(observation);
  }

  @Test
  void aTransitionWithNoMatchingPolicy_carriesNull() {
    ObservationPayload payload =
        new ObservationPayload(
            new ResourceRef("docker/service/x", "docker/service", "c", null, "x", Map.of()),
            new HealthObservation(
                "e",
                "docker/service/x",
                HealthState.Degraded,
                Instant.EPOCH,
                List.of("Slow"),
                "warning",
                "Slow"),
            HealthState.Healthy,
            null);

    assertThat(payload.toJson()).contains("\"policy\":null");
    assertThat(ObservationPayload.fromJson(payload.toJson()).policy()).isNull();
  }

  @Test
  void backoffDoublesPerAttemptUpToTheMaximum() {
    RelayConfig config =
        new RelayConfig(
            true,
            java.time.Duration.ofMillis(250),
            100,
            4,
            java.time.Duration.ofSeconds(10),
            java.time.Duration.ofMinutes(2),
            java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMinutes(5),
            java.time.Duration.ofSeconds(2),
            java.time.Duration.ofDays(7),
            java.time.Duration.ofMinutes(10),
            5000);

    assertThat(config.backoff(1)).hasSeconds(1);
    assertThat(config.backoff(2)).hasSeconds(2);
    assertThat(config.backoff(5)).hasSeconds(16);
    assertThat(config.backoff(20)).hasMinutes(5);
    assertThat(config.backoff(100)).hasMinutes(5);
  }
}
