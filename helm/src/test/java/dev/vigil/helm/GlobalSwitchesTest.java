package dev.vigil.helm;

import static dev.vigil.helm.Pods.container;
import static dev.vigil.helm.Pods.envValue;
import static dev.vigil.helm.Pods.podSpec;
import static dev.vigil.helm.Pods.volume;
import static dev.vigil.helm.Pods.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dry-run, the Docker actions and configuration overrides reach the services' configuration. */
class GlobalSwitchesTest {

  @Test
  void dryRunValueReachesTheConfiguration() {
    RenderedChart chart = VigilChart.withDefaults().set("dryRun", true).render();

    assertThat(RbacTest.applicationYml(chart).at("/vigil/dry-run").asBoolean()).isTrue();
  }

  @Test
  void dockerActionsOnMountTheSocketIntoTheWorkerOnly() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("actions.docker.enabled", true)
            .set("actions.docker.socketGroupId", 998)
            .render();

    JsonNode worker = chart.get("Deployment", "vigil-worker");
    JsonNode socket = volume(worker, "docker-socket").orElseThrow();
    assertThat(socket.at("/hostPath/path").asText()).isEqualTo("/var/run/docker.sock");
    assertThat(socket.at("/hostPath/type").asText()).isEqualTo("Socket");
    JsonNode c = container(worker, "worker");
    assertThat(volumeMount(c, "docker-socket").orElseThrow().path("mountPath").asText())
        .isEqualTo("/var/run/docker.sock");
    assertThat(envValue(c, "DOCKER_HOST")).isEqualTo("unix:///var/run/docker.sock");
    assertThat(podSpec(worker).at("/securityContext/supplementalGroups/0").asInt()).isEqualTo(998);
    assertThat(RbacTest.applicationYml(chart).at("/vigil/docker/enabled").asBoolean()).isTrue();
    for (String component : List.of("ingest", "api")) {
      assertThat(volume(chart.get("Deployment", "vigil-" + component), "docker-socket")).isEmpty();
    }
  }

  @Test
  void configValuesAreMergedOverTheRenderedApplicationYml() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("config.vigil.fleet-budget.max-concurrent", 5)
            .set("config.vigil.cluster-name", "prod-eu")
            .render();

    JsonNode vigil = RbacTest.applicationYml(chart).path("vigil");
    assertThat(vigil.at("/fleet-budget/max-concurrent").asInt()).isEqualTo(5);
    assertThat(vigil.path("cluster-name").asText()).isEqualTo("prod-eu");
    assertThat(vigil.path("dry-run").isBoolean()).isTrue();
  }

  @Test
  void anExistingSecretReplacesTheChartSecret() {
    RenderedChart chart =
        VigilChart.withDefaults().set("secrets.existingSecret", "vigil-credentials").render();

    assertThat(chart.all("Secret")).isEmpty();
    JsonNode c = container(chart.get("Deployment", "vigil-api"), "api");
    assertThat(c.path("env"))
        .filteredOn(e -> e.at("/valueFrom/secretKeyRef").isObject())
        .allSatisfy(
            e ->
                assertThat(e.at("/valueFrom/secretKeyRef/name").asText())
                    .isEqualTo("vigil-credentials"));
  }

  @Test
  void anOtlpEndpointTurnsOnOpenTelemetryWithKubernetesResourceAttributes() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("otel.endpoint", "http://otel-collector.observability:4317")
            .render();

    JsonNode c = container(chart.get("Deployment", "vigil-worker"), "worker");
    assertThat(envValue(c, "OTEL_EXPORTER_OTLP_ENDPOINT"))
        .isEqualTo("http://otel-collector.observability:4317");
    assertThat(envValue(c, "OTEL_SERVICE_NAME")).isEqualTo("vigil-worker");
    assertThat(
            Pods.env(c, "K8S_POD_NAME").orElseThrow().at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.name");
    assertThat(
            Pods.env(c, "K8S_NODE_NAME").orElseThrow().at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("spec.nodeName");
    assertThat(envValue(c, "OTEL_RESOURCE_ATTRIBUTES").split(","))
        .contains(
            "service.instance.id=$(K8S_POD_UID)",
            "k8s.pod.name=$(K8S_POD_NAME)",
            "k8s.namespace.name=$(K8S_NAMESPACE_NAME)",
            "k8s.node.name=$(K8S_NODE_NAME)",
            "k8s.deployment.name=vigil-worker");
    List<String> names = Pods.envNames(c);
    assertThat(names.indexOf("K8S_POD_UID")).isLessThan(names.indexOf("OTEL_RESOURCE_ATTRIBUTES"));
  }

  @Test
  void searchAttributesAsAHookJobLeaveTheWorkerWithoutInitContainer() {
    // helm-java's template output omits hooks, so the Job itself is only linted, not asserted here.
    RenderedChart chart = VigilChart.withDefaults().set("searchAttributes.mode", "job").render();

    assertThat(
            Pods.initContainer(
                chart.get("Deployment", "vigil-worker"), "register-search-attributes"))
        .isEmpty();
    assertThat(chart.all("Job")).isEmpty();
  }
}
