package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** monitoring.*: ServiceMonitor, PrometheusRule from the shipped rules, the Grafana dashboard. */
class MonitoringRenderTest {

  static final Path RULES = VigilChart.CHART.resolve("files/prometheus/vigil-rules.yaml");
  static final Path DASHBOARD = VigilChart.CHART.resolve("files/dashboards/vigil-overview.json");

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart =
        VigilChart.withDefaults()
            .set("monitoring.prometheusOperator.enabled", true)
            .set("monitoring.prometheusOperator.labels.release", "prometheus")
            .set("monitoring.runbookBaseUrl", "https://wiki.example.com/vigil/runbook")
            .set("monitoring.grafanaDashboard.enabled", true)
            .render();
  }

  @Test
  void serviceMonitorScrapesMetricsOfTheThreeServices() {
    JsonNode monitor = chart.get("ServiceMonitor", "vigil");

    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(monitor.at("/spec/selector/matchExpressions/0/values"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("ingest", "api", "worker");
    for (String component : new String[] {"ingest", "api", "worker"}) {
      JsonNode service = chart.get("Service", "vigil-" + component);
      assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("http");
      monitor
          .at("/spec/selector/matchLabels")
          .properties()
          .forEach(
              l ->
                  assertThat(service.at("/metadata/labels").path(l.getKey()).asText())
                      .isEqualTo(l.getValue().asText()));
    }
  }

  @Test
  void prometheusRuleCarriesTheShippedRulesWithTheConfiguredRunbook() throws IOException {
    JsonNode rule = chart.get("PrometheusRule", "vigil");
    JsonNode shipped =
        RenderedChart.yaml(
            Files.readString(RULES)
                .replace(
                    "https://github.com/vigil-dev/vigil/blob/main/helm/vigil/docs/runbook.md",
                    "https://wiki.example.com/vigil/runbook"));

    assertThat(rule.at("/spec/groups")).isEqualTo(shipped.path("groups"));
    assertThat(rule.at("/spec/groups/1/rules/0/annotations/runbook_url").asText())
        .startsWith("https://wiki.example.com/vigil/runbook#");
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
  }

  @Test
  void dashboardShipsAsAConfigMapForTheGrafanaSidecar() throws IOException {
    JsonNode configMap = chart.get("ConfigMap", "vigil-dashboard");
    ObjectMapper json = new ObjectMapper();

    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(json.readTree(configMap.at("/data/vigil-overview.json").asText()))
        .isEqualTo(json.readTree(DASHBOARD.toFile()));
  }
}
