package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** worker.keda.enabled: KEDA's temporal scaler on the remediation task queue replaces the HPA. */
class WorkerKedaTest {

  @Test
  void scaledObjectUsesTheTemporalTriggerOnTheRemediationQueueAndNoHpaExists() {
    RenderedChart chart = VigilChart.withDefaults().set("worker.keda.enabled", true).render();

    JsonNode scaledObject = chart.get("ScaledObject", "vigil-worker");
    JsonNode trigger = scaledObject.at("/spec/triggers/0");
    assertThat(scaledObject.at("/spec/scaleTargetRef/name").asText()).isEqualTo("vigil-worker");
    assertThat(scaledObject.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
    assertThat(scaledObject.at("/spec/triggers")).hasSize(1);
    assertThat(trigger.path("type").asText()).isEqualTo("temporal");
    assertThat(trigger.at("/metadata/taskQueue").asText()).isEqualTo("vigil-remediation");
    assertThat(trigger.at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(trigger.at("/metadata/endpoint").asText())
        .isEqualTo("temporal-frontend.temporal.svc.cluster.local:7233");
    assertThat(trigger.at("/metadata/targetQueueSize").asText()).isEqualTo("10");
    assertThat(trigger.at("/metadata/queueTypes").asText()).isEqualTo("workflow,activity");
    assertThat(trigger.path("authenticationRef").isMissingNode()).isTrue();
    assertThat(chart.all("HorizontalPodAutoscaler")).isEmpty();
    assertThat(chart.get("Deployment", "vigil-worker").at("/spec/replicas").isMissingNode())
        .isTrue();
  }

  @Test
  void withATemporalCloudApiKeyKedaAuthenticatesFromTheSecret() {
    RenderedChart chart = VigilChart.withDefaults().values("keda-temporal-cloud.yaml").render();

    JsonNode trigger = chart.get("ScaledObject", "vigil-worker").at("/spec/triggers/0");
    JsonNode auth = chart.get("TriggerAuthentication", "vigil-worker");
    assertThat(trigger.at("/metadata/endpoint").asText())
        .isEqualTo("vigil-prod.a1b2c.tmprl.cloud:7233");
    assertThat(trigger.at("/metadata/namespace").asText()).isEqualTo("vigil-prod.a1b2c");
    assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo("vigil-worker");
    assertThat(auth.at("/spec/secretTargetRef/0/parameter").asText()).isEqualTo("apiKey");
    assertThat(auth.at("/spec/secretTargetRef/0/name").asText()).isEqualTo("vigil");
    assertThat(auth.at("/spec/secretTargetRef/0/key").asText()).isEqualTo("temporal-api-key");
    assertThat(chart.get("Secret", "vigil").at("/stringData/temporal-api-key").asText())
        .isEqualTo("test-api-key");
    assertThat(chart.get("ScaledObject", "vigil-worker").at("/spec/maxReplicaCount").asInt())
        .isEqualTo(30);
  }

  @Test
  void withMutualTlsKedaAndTheWorkerUseTheClientCertificate() {
    RenderedChart chart = VigilChart.withDefaults().values("temporal-mtls.yaml").render();

    JsonNode auth = chart.get("TriggerAuthentication", "vigil-worker");
    assertThat(auth.at("/spec/secretTargetRef/0/parameter").asText()).isEqualTo("cert");
    assertThat(auth.at("/spec/secretTargetRef/0/name").asText()).isEqualTo("vigil-temporal-tls");
    assertThat(auth.at("/spec/secretTargetRef/1/parameter").asText()).isEqualTo("key");
    assertThat(
            chart
                .get("ScaledObject", "vigil-worker")
                .at("/spec/triggers/0/metadata/tlsServerName")
                .asText())
        .isEqualTo("temporal.internal");

    JsonNode tls =
        RenderedChart.yaml(
                chart.get("ConfigMap", "vigil-config").at("/data/application.yml").asText())
            .at("/vigil/temporal/tls");
    assertThat(tls.path("enabled").asBoolean()).isTrue();
    assertThat(tls.path("cert-file").asText()).isEqualTo("/etc/vigil/temporal-tls/tls.crt");
    assertThat(tls.path("key-file").asText()).isEqualTo("/etc/vigil/temporal-tls/tls.key");
    assertThat(tls.path("server-name").asText()).isEqualTo("temporal.internal");
    JsonNode worker = chart.get("Deployment", "vigil-worker");
    assertThat(Pods.volume(worker, "temporal-tls").orElseThrow().at("/secret/secretName").asText())
        .isEqualTo("vigil-temporal-tls");
    assertThat(Pods.volumeMount(Pods.container(worker, "worker"), "temporal-tls")).isPresent();
  }
}
