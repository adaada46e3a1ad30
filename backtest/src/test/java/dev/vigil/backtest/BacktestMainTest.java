package dev.vigil.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil backtest} as a user calls it: bad input lines, {@code --skip-bad}, {@code -o json}
 * and {@code --compare}, over the shared engine.
 */
@Timeout(300)
class BacktestMainTest {
  static final Path WEEK = BacktestWeekTest.WEEK;
  static final String POLICIES = BacktestWeekTest.POLICIES.toString();
  static final String NO_APPROVAL = BacktestWeekTest.NO_APPROVAL.toString();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        BacktestMain.run(
            args,
            Engines::shared,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Lines of the recorded week whose text contains {@code marker}, in file order. */
  static List<String> weekLines(String marker) throws IOException {
    return Files.readAllLines(WEEK).stream().filter(line -> line.contains(marker)).toList();
  }

  Path file(String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  @Nested
  class BadLines {
    List<String> mixed() throws IOException {
      List<String> deployment = weekLines("shop");
      return List.of(
          deployment.get(0),
          "{\"at\": \"2026-11-17T14:01:00Z\", \"source\": \"alertmanager\", \"body\": {",
          "{\"at\": \"2026-11-17T14:02:00Z\", \"source\": \"nagios\", \"body\": {}}",
          "{\"source\": \"alertmanager\", \"body\": {}}",
          "",
          "{\"at\": \"2026-11-17T14:03:00Z\", \"source\": \"alertmanager\", \"body\": {\"version\":"
              + " \"4\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"X\"}}]}}",
          "{\"at\": \"yesterday\", \"source\": \"signals\", \"body\": []}",
          deployment.get(deployment.size() - 1));
    }

    @Test
    void stopTheBacktest_withExitCode2_namingEachLineAndWhy() throws IOException {
      Path bad = file("bad.jsonl", mixed());

      Run run = run("--signals", bad.toString(), "--policies", POLICIES);

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .contains(bad + ":2: not JSON")
          .contains(
              bad + ":3: source must be one of alertmanager, eventrouter, signals, not \"nagios\"")
          .contains(bad + ":4: at is required")
          .contains(
              bad
                  + ":6: body rejected by the alertmanager receiver: alerts[0].startsAt is"
                  + " required")
          .contains(bad + ":7: at must be an RFC 3339 timestamp, not 'yesterday'")
          .contains("5 bad lines in " + bad)
          .contains("--skip-bad")
          .doesNotContain(bad + ":1:")
          .doesNotContain(bad + ":5:")
          .doesNotContain(bad + ":8:");
    }

    @Test
    void withSkipBad_areCounted_andTheGoodLinesReplay() throws IOException {
      Path bad = file("bad.jsonl", mixed());

      Run run =
          run("--signals", bad.toString(), "--policies", POLICIES, "-o", "json", "--skip-bad");

      assertThat(run.exit()).isZero();
      assertThat(run.err()).contains("skipped 5 bad line(s)", bad + ":2: not JSON");
      JsonNode report = new ObjectMapper().readTree(run.out()).get("runs").get(0);
      assertThat(report.at("/input/lines").asInt()).isEqualTo(2);
      assertThat(report.at("/input/badLines").asInt()).isEqualTo(5);
      assertThat(report.at("/summary/actionsByType/k8s.rolloutRestart").asInt()).isEqualTo(1);
    }
  }

  @Nested
  class Usage {
    @Test
    void missingSignals_unknownOptions_andBadPolicies_exitWith2BeforeAnythingStarts()
        throws IOException {
      Path broken = file("broken.yaml", List.of("policies:", "  - name: x", "    ladder: []"));

      Run noSignals = run("--policies", POLICIES);
      Run unknown = run("--signals", WEEK.toString(), "--frobnicate");
      Run badPolicies = run("--signals", WEEK.toString(), "--policies", broken.toString());

      assertThat(noSignals.exit()).isEqualTo(2);
      assertThat(noSignals.err()).contains("--signals FILE is required", "usage:");
      assertThat(unknown.exit()).isEqualTo(2);
      assertThat(unknown.err()).contains("unknown option '--frobnicate'");
      assertThat(badPolicies.exit()).isEqualTo(2);
      assertThat(badPolicies.err()).contains("policies[0]");
    }
  }

  @Nested
  class Output {
    @Test
    void compare_printsBothPolicyFilesSideBySide_andTheResourcesThatDiffer() throws IOException {
      Path deployment = file("deployment.jsonl", weekLines("shop"));

      Run run =
          run("--signals", deployment.toString(), "--policies", POLICIES, "--compare", NO_APPROVAL);

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("with policies " + POLICIES)
          .contains("with policies " + NO_APPROVAL)
          .contains("would restart deployment shop/web")
          .contains("would scale deployment shop/web by +1 replicas");
      String comparison = run.out().substring(run.out().indexOf("Comparison"));
      assertThat(comparison.lines().filter(l -> l.contains(POLICIES) && l.contains(NO_APPROVAL)))
          .as("the header names both files")
          .hasSize(1);
      assertThat(comparison.lines().filter(l -> l.trim().startsWith("k8s.scale")))
          .singleElement()
          .satisfies(
              l -> assertThat(l.trim().split("\\s+")).containsExactly("k8s.scale", "0", "1", "+1"));
      assertThat(comparison)
          .contains("Resources where the policy files differ (1)")
          .contains("k8s/prod-eu/shop/Deployment/web");
      assertThat(comparison.lines().map(String::trim))
          .anySatisfy(
              l ->
                  assertThat(l.split(":\\s+", 2))
                      .containsExactly(
                          POLICIES, "k8s.rolloutRestart; approval asked for step 2; ends HEALTHY"))
          .anySatisfy(
              l ->
                  assertThat(l.split(":\\s+", 2))
                      .containsExactly(
                          NO_APPROVAL,
                          "k8s.rolloutRestart; k8s.scale {replicasDelta=1}; ends HEALTHY"));
    }

    @Test
    void json_isOneDocumentWithBothRunsAndTheComparison() throws IOException {
      Path deployment = file("deployment.jsonl", weekLines("shop"));

      Run run =
          run(
              "--signals",
              deployment.toString(),
              "--policies",
              POLICIES,
              "--compare",
              NO_APPROVAL,
              "-o",
              "json");

      assertThat(run.exit()).isZero();
      JsonNode json = new ObjectMapper().readTree(run.out());
      assertThat(json.get("runs")).hasSize(2);
      JsonNode first = json.get("runs").get(0);
      assertThat(first.get("policies").asText()).isEqualTo(POLICIES);
      assertThat(first.at("/input/from").asText()).isEqualTo("2026-11-17T14:00:00Z");
      assertThat(first.at("/summary/approvalsRequested").asInt()).isEqualTo(1);
      assertThat(first.at("/summary/timeToFirstAction/p50Seconds").asLong()).isZero();
      JsonNode web = first.at("/resources/0");
      assertThat(web.get("resource").asText()).isEqualTo("k8s/prod-eu/shop/Deployment/web");
      assertThat(web.at("/incidents/0/timeline/0/kind").asText()).isEqualTo("opened");
      assertThat(json.get("runs").get(1).at("/summary/actionsByType/k8s.scale").asInt())
          .isEqualTo(1);
      assertThat(json.at("/comparison/differences/0/resource").asText())
          .isEqualTo("k8s/prod-eu/shop/Deployment/web");
    }
  }
}
