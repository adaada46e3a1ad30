package dev.vigil.helm;

import static dev.vigil.helm.Pods.container;
import static dev.vigil.helm.Pods.env;
import static dev.vigil.helm.Pods.envNames;
import static dev.vigil.helm.Pods.envValue;
import static dev.vigil.helm.Pods.initContainer;
import static dev.vigil.helm.Pods.podSpec;
import static dev.vigil.helm.Pods.volume;
import static dev.vigil.helm.Pods.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart rendered with its default values: what a plain {@code helm install} creates. */
class DefaultValuesRenderTest {

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = VigilChart.withDefaults().render();
  }

  static JsonNode deployment(String component) {
    return chart.get("Deployment", "vigil-" + component);
  }

  @Nested
  @DisplayName("workloads")
  class Workloads {

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "api", "worker"})
    void eachServiceRunsTheImageWithItsNameAsArgument(String component) {
      JsonNode c = container(deployment(component), component);

      assertThat(c.path("image").asText()).isEqualTo("ghcr.io/vigil-dev/vigil:0.1.0");
      assertThat(c.path("args").get(0).asText()).isEqualTo(component);
      assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
      assertThat(c.at("/resources/requests/memory").isMissingNode()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "api", "worker"})
    void probesHitTheHealthEndpointsOnTheHttpPort(String component) {
      JsonNode c = container(deployment(component), component);

      assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/liveness");
      assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/readiness");
      assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/liveness");
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        assertThat(c.path(probe).at("/httpGet/port").asText()).isEqualTo("http");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "api", "worker"})
    void runsAsNonRootWithAReadOnlyRootFilesystem(String component) {
      JsonNode pod = podSpec(deployment(component));
      JsonNode c = container(deployment(component), component);

      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
      assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(volumeMount(c, "tmp")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "api", "worker"})
    void eachServiceHasAServiceAndAPodDisruptionBudgetSelectingItsPods(String component) {
      JsonNode podLabels = deployment(component).at("/spec/template/metadata/labels");
      JsonNode service = chart.get("Service", "vigil-" + component);
      JsonNode pdb = chart.get("PodDisruptionBudget", "vigil-" + component);

      assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
      assertThat(matches(service.at("/spec/selector"), podLabels)).isTrue();
      assertThat(matches(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue();
      assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void ingestsHeapStartsAtItsMaximumAndIsNeverGivenBackSoItRequestsItsLimit() {
      JsonNode c = container(deployment("ingest"), "ingest");
      Map<String, String> flags = new TreeMap<>();
      for (String option : envValue(c, "JAVA_TOOL_OPTIONS").split(" ")) {
        String[] flag = option.replaceFirst("^-XX:", "").split("=", 2);
        flags.put(flag[0], flag.length == 2 ? flag[1] : "");
      }

      assertThat(flags.get("InitialRAMPercentage"))
          .as("G1 grows the heap from its initial size under load")
          .isNotNull()
          .isEqualTo(flags.get("MaxRAMPercentage"));
      assertThat(flags)
          .as("without it G1 shrinks the heap below the initial size after a marking cycle")
          .containsEntry("MaxHeapFreeRatio", "100");
      assertThat(c.at("/resources/requests/memory").asText())
          .isEqualTo(c.at("/resources/limits/memory").asText());
      long limitMib = mebibytes(c.at("/resources/limits/memory").asText());
      double heapShare = Double.parseDouble(flags.get("MaxRAMPercentage")) / 100;
      assertThat(limitMib * (1 - heapShare))
          .as(
              "the rest of the JVM (metaspace, code, GC, direct buffers: ~330 MB measured) fits"
                  + " beside a heap that is resident all the time")
          .isGreaterThanOrEqualTo(512);
    }

    private static long mebibytes(String quantity) {
      if (quantity.endsWith("Gi")) {
        return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
      }
      assertThat(quantity).endsWith("Mi");
      return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }

    @Test
    void secretsComeFromTheChartSecretAndTheirKeysExist() {
      JsonNode secret = chart.get("Secret", "vigil");
      Map<String, String> required = new TreeMap<>();
      for (String component : List.of("ingest", "api", "worker")) {
        JsonNode c = container(deployment(component), component);
        for (JsonNode e : c.path("env")) {
          JsonNode ref = e.at("/valueFrom/secretKeyRef");
          if (ref.isMissingNode()) {
            continue;
          }
          assertThat(ref.path("name").asText()).isEqualTo("vigil");
          if (!ref.path("optional").asBoolean()) {
            required.put(e.path("name").asText(), ref.path("key").asText());
          }
        }
      }

      assertThat(required)
          .containsEntry("DATASOURCES_DEFAULT_URL", "database-url")
          .containsEntry("DATASOURCES_DEFAULT_USERNAME", "database-username")
          .containsEntry("DATASOURCES_DEFAULT_PASSWORD", "database-password")
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-bootstrap-servers");
      assertThat(required.values()).allMatch(key -> secret.path("stringData").has(key));
    }

    @Test
    void thePagerDutyKeyReachesOnlyTheWorkerAndApiTokensOnlyTheHttpServices() {
      assertThat(envNames(container(deployment("worker"), "worker")))
          .contains("VIGIL_PAGING_PAGERDUTY_ROUTING_KEY")
          .doesNotContain("VIGIL_API_TOKENS");
      for (String component : List.of("ingest", "api")) {
        assertThat(envNames(container(deployment(component), component)))
            .contains("VIGIL_API_TOKENS")
            .doesNotContain("VIGIL_PAGING_PAGERDUTY_ROUTING_KEY");
      }
    }
  }

  @Nested
  @DisplayName("configuration")
  class Configuration {

    JsonNode applicationYml() {
      return RenderedChart.yaml(
          chart.get("ConfigMap", "vigil-config").at("/data/application.yml").asText());
    }

    @Test
    void applicationYmlCarriesTheGlobalSwitches() {
      JsonNode vigil = applicationYml().path("vigil");

      assertThat(vigil.path("dry-run").asBoolean()).isFalse();
      assertThat(vigil.at("/kubernetes/enabled").asBoolean()).isTrue();
      assertThat(vigil.at("/docker/enabled").asBoolean()).isFalse();
      assertThat(vigil.path("cluster-name").asText()).isEqualTo("default");
      assertThat(vigil.at("/temporal/task-queue").asText()).isEqualTo("vigil-remediation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "api", "worker"})
    void configAndPoliciesAreMountedWherePropertiesAndEnvironmentPoint(String component) {
      JsonNode workload = deployment(component);
      JsonNode c = container(workload, component);
      String policiesFile = applicationYml().at("/vigil/policies/file").asText();

      assertThat(envValue(c, "MICRONAUT_CONFIG_FILES"))
          .isEqualTo("/etc/vigil/config/application.yml");
      assertThat(envValue(c, "VIGIL_POLICIES_FILE")).isEqualTo(policiesFile);
      assertThat(policiesFile).isEqualTo("/etc/vigil/policies/policies.yaml");
      assertThat(volumeMount(c, "config").orElseThrow().path("mountPath").asText())
          .isEqualTo("/etc/vigil/config");
      assertThat(volumeMount(c, "policies").orElseThrow().path("mountPath").asText())
          .isEqualTo("/etc/vigil/policies");
      assertThat(volume(workload, "config").orElseThrow().at("/configMap/name").asText())
          .isEqualTo("vigil-config");
      assertThat(volume(workload, "policies").orElseThrow().at("/configMap/name").asText())
          .isEqualTo("vigil-policies");
    }

    @Test
    void thePoliciesFileHoldsThePoliciesFromTheValues() {
      JsonNode policies =
          RenderedChart.yaml(
              chart.get("ConfigMap", "vigil-policies").at("/data/policies.yaml").asText());

      List<String> names = new ArrayList<>();
      policies.path("policies").forEach(p -> names.add(p.path("name").asText()));
      assertThat(names)
          .containsExactly("crashloop-pod", "deployment-unavailable", "node-not-ready");
    }

    @Test
    void podsRollWhenConfigurationOrSecretsChange() {
      JsonNode annotations = deployment("worker").at("/spec/template/metadata/annotations");

      assertThat(annotations.path("checksum/config").asText()).hasSize(64);
      assertThat(annotations.path("checksum/secret").asText()).hasSize(64);
    }

    @Test
    void openTelemetryExportsNothingWithoutAnEndpoint_butNamesServiceAndPod() {
      for (String component : List.of("ingest", "api", "worker")) {
        JsonNode c = container(deployment(component), component);

        assertThat(env(c, "OTEL_EXPORTER_OTLP_ENDPOINT")).as(component).isEmpty();
        assertThat(env(c, "OTEL_SDK_DISABLED")).as(component).isEmpty();
        assertThat(envValue(c, "OTEL_SERVICE_NAME")).isEqualTo("vigil-" + component);
        assertThat(envValue(c, "OTEL_RESOURCE_ATTRIBUTES").split(","))
            .contains(
                "k8s.pod.name=$(K8S_POD_NAME)",
                "k8s.namespace.name=$(K8S_NAMESPACE_NAME)",
                "k8s.node.name=$(K8S_NODE_NAME)");
        assertThat(
                Pods.env(c, "K8S_NAMESPACE_NAME")
                    .orElseThrow()
                    .at("/valueFrom/fieldRef/fieldPath")
                    .asText())
            .isEqualTo("metadata.namespace");
      }
    }

    @Test
    void everyServiceListensOnAllInterfacesOfTheContainerPort_andLogsJson() {
      for (String component : List.of("ingest", "api", "worker")) {
        JsonNode c = container(deployment(component), component);

        assertThat(envValue(c, "VIGIL_HTTP_HOST")).as(component).isEqualTo("0.0.0.0");
        assertThat(envValue(c, "VIGIL_HTTP_PORT"))
            .as(component)
            .isEqualTo(c.at("/ports/0/containerPort").asText());
        assertThat(envValue(c, "VIGIL_LOG_FORMAT")).as(component).isEqualTo("json");
      }
    }

    @Test
    void apiTokensAndTheRoutingKeyReachTheVariablesTheServicesRead() {
      // ingest/api application.yml: vigil.security.token-list: ${VIGIL_API_TOKENS:}
      // activities: vigil.paging.pagerduty.routing-key <- VIGIL_PAGING_PAGERDUTY_ROUTING_KEY
      for (String component : List.of("ingest", "api")) {
        JsonNode c = container(deployment(component), component);
        assertThat(
                Pods.env(c, "VIGIL_API_TOKENS")
                    .orElseThrow()
                    .at("/valueFrom/secretKeyRef/key")
                    .asText())
            .isEqualTo("api-tokens");
      }
      JsonNode worker = container(deployment("worker"), "worker");
      assertThat(
              Pods.env(worker, "VIGIL_PAGING_PAGERDUTY_ROUTING_KEY")
                  .orElseThrow()
                  .at("/valueFrom/secretKeyRef/key")
                  .asText())
          .isEqualTo("pagerduty-routing-key");
      assertThat(Pods.env(worker, "VIGIL_API_TOKENS")).isEmpty();
    }
  }

  @Nested
  @DisplayName("scaling")
  class Scaling {

    @Test
    void theWorkerIsScaledByAnHpaOnCpuTargetingTheWorkerDeployment() {
      List<JsonNode> hpas = chart.all("HorizontalPodAutoscaler").toList();

      assertThat(hpas).hasSize(1);
      JsonNode hpa = hpas.getFirst();
      assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
      assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("vigil-worker");
      assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
      assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
      assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(10);
      assertThat(chart.all("ScaledObject")).isEmpty();
    }

    @Test
    void theHpaOwnsTheWorkerReplicaCountWhileIngestAndApiHaveFixedReplicas() {
      assertThat(deployment("worker").at("/spec/replicas").isMissingNode()).isTrue();
      assertThat(deployment("ingest").at("/spec/replicas").asInt()).isEqualTo(2);
      assertThat(deployment("api").at("/spec/replicas").asInt()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("access")
  class Access {

    @Test
    void theClusterRoleGrantsExactlyWhatTheKubernetesActionsNeed() {
      JsonNode role = chart.get("ClusterRole", "remediation-vigil-worker");

      assertThat(Rbac.grants(role))
          .isEqualTo(
              Rbac.expected(
                  "pods=delete,get,list",
                  "pods/eviction=create",
                  "nodes=get,patch",
                  "apps/deployments=get,patch",
                  "apps/statefulsets=get,patch",
                  "apps/replicasets=get"));
    }

    @Test
    void theRoleIsBoundToTheWorkerServiceAccountOnly() {
      JsonNode binding = chart.get("ClusterRoleBinding", "remediation-vigil-worker");

      assertThat(binding.at("/roleRef/name").asText()).isEqualTo("remediation-vigil-worker");
      assertThat(binding.path("subjects")).hasSize(1);
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("vigil-worker");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(VigilChart.NAMESPACE);
      assertThat(podSpec(deployment("worker")).path("serviceAccountName").asText())
          .isEqualTo("vigil-worker");
    }

    @Test
    void ingestAndApiGetNoKubernetesApiToken() {
      for (String component : List.of("ingest", "api")) {
        JsonNode pod = podSpec(deployment(component));
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("vigil");
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
      }
      assertThat(
              chart.get("ServiceAccount", "vigil").path("automountServiceAccountToken").asBoolean())
          .isFalse();
    }

    @Test
    void noDockerSocketIsMountedWhileDockerActionsAreOff() {
      assertThat(chart.manifest()).doesNotContain("hostPath");
      assertThat(volume(deployment("worker"), "docker-socket")).isEmpty();
    }
  }

  @Nested
  @DisplayName("search attributes")
  class SearchAttributes {

    @Test
    void theWorkerRegistersTheFiveSearchAttributesBeforeItPolls() {
      JsonNode init =
          initContainer(deployment("worker"), "register-search-attributes").orElseThrow();
      String script = init.at("/args/0").asText();

      assertThat(init.path("image").asText()).startsWith("temporalio/admin-tools:");
      assertThat(script)
          .contains("temporal operator search-attribute list")
          .contains("temporal operator search-attribute create")
          .contains(
              "VigilResourceId:Keyword VigilResourceType:Keyword VigilCluster:Keyword"
                  + " VigilPhase:Keyword VigilAttempts:Int");
      assertThat(envValue(init, "TEMPORAL_NAMESPACE")).isEqualTo("default");
      assertThat(init.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void ingestAndApiDoNotRegisterThem() {
      assertThat(initContainer(deployment("ingest"), "register-search-attributes")).isEmpty();
      assertThat(initContainer(deployment("api"), "register-search-attributes")).isEmpty();
    }
  }

  @Test
  void monitoringAndOptionalObjectsAreOffByDefault() {
    assertThat(chart.all("ServiceMonitor")).isEmpty();
    assertThat(chart.all("PrometheusRule")).isEmpty();
    assertThat(chart.all("NetworkPolicy")).isEmpty();
    assertThat(chart.find("ConfigMap", "vigil-dashboard")).isEmpty();
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    var fields = selector.properties();
    return !fields.isEmpty()
        && fields.stream()
            .allMatch(f -> f.getValue().asText().equals(labels.path(f.getKey()).asText()));
  }
}
