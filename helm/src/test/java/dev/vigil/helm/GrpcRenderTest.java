package dev.vigil.helm;

import static dev.vigil.helm.Pods.container;
import static dev.vigil.helm.Pods.env;
import static dev.vigil.helm.Pods.envValue;
import static dev.vigil.helm.Pods.volume;
import static dev.vigil.helm.Pods.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The api's gRPC port in the chart: container port {@code grpc} 9090 listening on all interfaces, a
 * Service port, the NetworkPolicy letting it in, TLS from a Secret when one is named, nothing of it
 * on ingest and worker, and the probes still on HTTP.
 */
class GrpcRenderTest {

  static List<String> portNames(JsonNode ports) {
    List<String> names = new ArrayList<>();
    ports.forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  @Test
  void byDefault_theApiServesGrpcOn9090_andItsServiceExposesIt() {
    RenderedChart chart = VigilChart.withDefaults().render();
    JsonNode api = container(chart.get("Deployment", "vigil-api"), "api");

    assertThat(api.at("/ports/1/name").asText()).isEqualTo("grpc");
    assertThat(api.at("/ports/1/containerPort").asInt()).isEqualTo(9090);
    assertThat(envValue(api, "VIGIL_GRPC_ENABLED")).isEqualTo("true");
    assertThat(envValue(api, "VIGIL_GRPC_HOST")).isEqualTo("0.0.0.0");
    assertThat(envValue(api, "VIGIL_GRPC_PORT")).isEqualTo("9090");
    assertThat(env(api, "VIGIL_GRPC_TLS_CERT")).isEmpty();
    assertThat(api.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(api.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");

    JsonNode service = chart.get("Service", "vigil-api");
    assertThat(portNames(service.at("/spec/ports"))).containsExactly("http", "grpc");
    assertThat(service.at("/spec/ports/1/port").asInt()).isEqualTo(9090);
    assertThat(service.at("/spec/ports/1/targetPort").asText()).isEqualTo("grpc");
    assertThat(service.at("/spec/ports/1/appProtocol").asText()).isEqualTo("grpc");

    for (String other : List.of("ingest", "worker")) {
      JsonNode c = container(chart.get("Deployment", "vigil-" + other), other);
      assertThat(portNames(c.path("ports"))).containsExactly("http");
      assertThat(env(c, "VIGIL_GRPC_PORT")).isEmpty();
      assertThat(portNames(chart.get("Service", "vigil-" + other).at("/spec/ports")))
          .containsExactly("http");
    }
  }

  @Test
  void networkPolicy_letsTheGrpcPortIn() {
    RenderedChart chart = VigilChart.withDefaults().set("networkPolicy.enabled", true).render();
    JsonNode policy = chart.get("NetworkPolicy", "vigil-http");

    assertThat(portNames(policy.at("/spec/ingress/0/ports")).size()).isEqualTo(2);
    List<String> ports = new ArrayList<>();
    policy.at("/spec/ingress/0/ports").forEach(p -> ports.add(p.path("port").asText()));
    assertThat(ports).containsExactly("http", "grpc");
  }

  @Test
  void aTlsSecret_isMountedAndConfigured() {
    RenderedChart chart =
        VigilChart.withDefaults().set("api.grpc.tlsSecret", "vigil-grpc-tls").render();
    JsonNode deployment = chart.get("Deployment", "vigil-api");
    JsonNode api = container(deployment, "api");

    assertThat(envValue(api, "VIGIL_GRPC_TLS_CERT")).isEqualTo("/etc/vigil/grpc-tls/tls.crt");
    assertThat(envValue(api, "VIGIL_GRPC_TLS_KEY")).isEqualTo("/etc/vigil/grpc-tls/tls.key");
    assertThat(volumeMount(api, "grpc-tls").orElseThrow().path("readOnly").asBoolean()).isTrue();
    assertThat(volume(deployment, "grpc-tls").orElseThrow().at("/secret/secretName").asText())
        .isEqualTo("vigil-grpc-tls");
  }

  @Test
  void disabled_leavesNoGrpcPort() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("api.grpc.enabled", false)
            .set("networkPolicy.enabled", true)
            .render();
    JsonNode api = container(chart.get("Deployment", "vigil-api"), "api");

    assertThat(envValue(api, "VIGIL_GRPC_ENABLED")).isEqualTo("false");
    assertThat(portNames(api.path("ports"))).containsExactly("http");
    assertThat(portNames(chart.get("Service", "vigil-api").at("/spec/ports")))
        .containsExactly("http");
    List<String> ports = new ArrayList<>();
    chart
        .get("NetworkPolicy", "vigil-http")
        .at("/spec/ingress/0/ports")
        .forEach(p -> ports.add(p.path("port").asText()));
    assertThat(ports).containsExactly("http");
  }
}
