package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules depend only on metric names of the metrics contract, and every
 * alert carries what an on-call engineer needs: severity, summary, description, a runbook entry.
 */
class MonitoringContractTest {

  static final Path RUNBOOK = VigilChart.CHART.resolve("docs/runbook.md");
  static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)");

  static JsonNode dashboard;
  static JsonNode rules;

  @BeforeAll
  static void load() throws IOException {
    dashboard = new ObjectMapper().readTree(MonitoringRenderTest.DASHBOARD.toFile());
    rules = RenderedChart.yaml(Files.readString(MonitoringRenderTest.RULES));
  }

  @Test
  void dashboardQueriesReferenceOnlyContractMetrics() {
    List<String> exprs = dashboardExpressions();
    Set<String> used = new TreeSet<>();
    exprs.forEach(e -> used.addAll(MetricsContract.metricNames(e)));
    dashboard
        .at("/templating/list")
        .forEach(
            v -> {
              Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
              while (m.find()) {
                used.add(m.group(1));
              }
            });

    assertThat(exprs).hasSizeGreaterThan(20);
    assertThat(used).isNotEmpty().isSubsetOf(MetricsContract.ALL);
  }

  @Test
  void dashboardShowsEveryVigilMetricOfTheContract() {
    Set<String> used = new HashSet<>();
    dashboardExpressions().forEach(e -> used.addAll(MetricsContract.metricNames(e)));

    Set<String> vigil = new TreeSet<>(MetricsContract.VIGIL);
    vigil.removeIf(n -> n.endsWith("_sum") || n.endsWith("_count"));
    assertThat(used).containsAll(vigil);
  }

  @Test
  void dashboardShowsTheFleetAsHealthyMitigatingTerminal() {
    JsonNode fleet = panel("Fleet");

    assertThat(fleet.path("targets"))
        .extracting(t -> t.path("legendFormat").asText())
        .containsExactly("Healthy", "Mitigating", "Terminal");
    assertThat(fleet.at("/fieldConfig/defaults/unit").asText()).isEqualTo("percentunit");
  }

  @Test
  void rulesReferenceOnlyContractMetricsAndTheirOwnRecordings() {
    Set<String> recorded = new HashSet<>();
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : allRules()) {
      if (rule.has("record")) {
        recorded.add(rule.path("record").asText());
      }
      used.addAll(MetricsContract.metricNames(rule.path("expr").asText()));
    }
    Set<String> allowed = new HashSet<>(MetricsContract.ALL);
    allowed.addAll(recorded);

    assertThat(used).isNotEmpty().isSubsetOf(allowed);
  }

  @Test
  void everyAlertHasSeverityAndActionableAnnotationsWithARunbookEntry() throws IOException {
    String runbook = Files.readString(RUNBOOK);
    Set<String> anchors = new HashSet<>();
    Matcher headings = Pattern.compile("(?m)^#{2,3} (\\S+)\\s*$").matcher(runbook);
    while (headings.find()) {
      anchors.add(headings.group(1).toLowerCase(Locale.ROOT));
    }

    List<JsonNode> alerts = allRules().stream().filter(r -> r.has("alert")).toList();
    assertThat(alerts).isNotEmpty();
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(alert.at("/labels/severity").asText())
          .as(name)
          .isIn("critical", "warning", "info");
      assertThat(alert.at("/annotations/summary").asText()).as(name).isNotBlank();
      assertThat(alert.at("/annotations/description").asText().length())
          .as(name + " description")
          .isGreaterThan(80);
      String url = alert.at("/annotations/runbook_url").asText();
      assertThat(url).as(name).endsWith("#" + name.toLowerCase(Locale.ROOT));
      assertThat(anchors).as("runbook section for " + name).contains(name.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void theAlertsTheIssueAsksForAreShipped() {
    Set<String> names = new TreeSet<>();
    allRules().stream()
        .filter(r -> r.has("alert"))
        .forEach(r -> names.add(r.path("alert").asText()));

    assertThat(names)
        .contains(
            "VigilIngestErrorSpike",
            "VigilConsumerLagHigh",
            "VigilOutboxStalled",
            "VigilWorkflowFailures",
            "VigilTerminalRemediationsSpike",
            "VigilWorkflowTaskScheduleToStartSlow",
            "VigilStormGuardEngaged",
            "VigilIngestSLOBurnFast",
            "VigilRemediationSLOBurn");
  }

  private static List<JsonNode> allRules() {
    List<JsonNode> all = new ArrayList<>();
    rules.path("groups").forEach(g -> g.path("rules").forEach(all::add));
    return all;
  }

  private static List<String> dashboardExpressions() {
    List<String> exprs = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  private static JsonNode panel(String title) {
    for (JsonNode p : dashboard.path("panels")) {
      if (title.equals(p.path("title").asText())) {
        return p;
      }
    }
    throw new AssertionError("no panel " + title);
  }
}
