package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.testkit.PrometheusText;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What operators and tooling reach without a token: probes (PostgreSQL and the Temporal test server
 * behind readiness), Prometheus metrics with the fleet gauges, the OpenAPI document.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class OperationsIT extends ApiTestBase {
  @Inject EmbeddedServer server;
  Http http;

  @BeforeAll
  void setUp() {
    http = new Http(server.getURL().toString());
    seed.resource("docker/service/a", "docker/service", "default", null, "Healthy", "[]");
    seed.resource("docker/service/b", "docker/service", "default", null, "Healthy", "[]");
    seed.resource("docker/service/c", "docker/service", "default", null, "Unhealthy", "[]");
    seed.mitigation("docker/service/c", "MITIGATING", 1, "docker.scale", "inc-c");
  }

  @Test
  void liveness_andReadiness_areUpAndAnonymous() {
    var live = http.get("/health/liveness", null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"");
    // the dependencies are checked in the background: UP once the first checks came back
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var ready = http.get("/health/readiness", null);
              assertThat(ready.statusCode()).isEqualTo(200);
              assertThat(ready.body()).contains("\"status\":\"UP\"");
            });
  }

  @Test
  void readinessDetails_nameTemporalAndPostgres_toAnyCaller() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var ready = http.get("/health/readiness", null);
              assertThat(ready.statusCode()).isEqualTo(200);
              assertThat(ready.body()).contains("\"temporal\"", "\"postgresql\"", "\"since\"");
            });
  }

  @Test
  void metrics_arePrometheusText_withFleetGauges() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var r = http.get("/metrics", null);
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.headers().firstValue("Content-Type").orElse(""))
                  .startsWith("text/plain");
              assertThat(r.body())
                  .contains("vigil_fleet_resources{health_state=\"Healthy\"} 2.0")
                  .contains("vigil_fleet_resources{health_state=\"Unhealthy\"} 1.0")
                  .contains("vigil_fleet_remediations{phase=\"MITIGATING\"} 1.0")
                  .contains("vigil_fleet_remediations{phase=\"TERMINAL\"} 0.0")
                  .contains("vigil_events_stream_clients");
              assertThat(
                      PrometheusText.parse(r.body())
                          .unboundedLabels("docker/service/a", "docker/service/c"))
                  .as("label values carrying a resource id, pod name or URL")
                  .isEmpty();
            });
  }

  @Test
  void openApiDocument_isGeneratedFromTheControllers_andServed() {
    var r = http.get("/openapi.yml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("openapi: 3.")
        .contains("title: Vigil API")
        .contains("/v1/resources:")
        .contains("/v1/resources/{id}:")
        .contains("/v1/fleet/summary:")
        .contains("/v1/incidents:")
        .contains("/v1/incidents/{id}:")
        .contains("/v1/resources/{id}/mitigation/cancel:")
        .contains("/v1/incidents/{id}/approvals/{step}:")
        .contains("/v1/events:")
        .contains("bearer")
        .doesNotContain("/metrics:");
  }
}
