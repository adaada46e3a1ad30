package dev.vigil.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backtest.Report.Entry;
import dev.vigil.backtest.Report.ResourceTimeline;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recorded week shipped in {@code examples/backtest/week.jsonl}, replayed through the real
 * receivers, rules, fold, relay delivery, {@code RemediationWorkflowImpl} and activities, with the
 * shipped policies and with the variant whose deployment rung 2 needs no approval. Each scenario
 * asserts the exact actions (with params) and pages.
 */
@Timeout(300)
class BacktestWeekTest {
  static final Path WEEK = Path.of("../examples/backtest/week.jsonl");
  static final Path POLICIES = Path.of("../examples/policies.yaml");
  static final Path NO_APPROVAL = Path.of("../examples/backtest/no-approval.yaml");

  static final String API_POD = "k8s/prod-eu/payments/Pod/api-7c9d8f6b5-x2k4q";
  static final String WEB = "k8s/prod-eu/shop/Deployment/web";
  static final String WORKER_POD = "k8s/prod-eu/batch/Pod/worker-6b7c8-pq2rs";
  static final String APP = "docker/service/app";
  static final String WORKER_SERVICE = "docker/service/worker";
  static final String STORM_KEY = "storm:cluster=prod-eu,type=k8s/Node";

  static Report shipped;
  static Report noApproval;

  @BeforeAll
  static void replay() {
    Engine engine = Engines.shared();
    Recording week = Backtest.read(engine, WEEK, false);
    List<Report> reports =
        Backtest.run(
            engine,
            week,
            List.of(PolicySet.load(POLICIES), PolicySet.load(NO_APPROVAL)),
            BacktestOptions.DEFAULT_SETTLE);
    shipped = reports.get(0);
    noApproval = reports.get(1);
  }

  @Nested
  class CrashloopPodThatRecoversAfterRung1 {
    @Test
    void deletesThePodOnce_recovers_andEndsHealthyAfterTheRecurrenceWindow() {
      ResourceTimeline pod = resource(shipped, API_POD);

      assertThat(actions(pod)).containsExactly("action k8s.deletePod rung 1 {}");
      assertThat(pages(pod)).isEmpty();
      assertThat(phases(pod)).containsExactly("MITIGATING", "RECOVERED", "HEALTHY");
      assertThat(minute(phase(pod, "RECOVERED"))).isEqualTo("2026-11-16T09:03:00Z");
      assertThat(minute(phase(pod, "HEALTHY"))).isEqualTo("2026-11-16T09:33:00Z");
      assertThat(pod.endPhase()).isEqualTo("HEALTHY");
    }
  }

  @Nested
  class DeploymentThatNeedsRung2 {
    @Test
    void withTheShippedPolicies_restarts_thenAsksApprovalForTheScale_whichTheRecoveryWithdraws() {
      ResourceTimeline web = resource(shipped, WEB);

      assertThat(actions(web)).containsExactly("action k8s.rolloutRestart rung 1 {}");
      assertThat(approvals(web)).containsExactly("step 2 k8s.scale");
      assertThat(pages(web)).isEmpty();
      assertThat(phases(web))
          .containsExactly("MITIGATING", "PROBATION", "AWAITING_APPROVAL", "RECOVERED", "HEALTHY");
      assertThat(minute(phase(web, "PROBATION"))).isEqualTo("2026-11-17T14:10:00Z");
      assertThat(minute(phase(web, "RECOVERED"))).isEqualTo("2026-11-17T14:15:00Z");
    }

    @Test
    void withoutTheApprovalGate_rung2ScalesByOneReplica_andThatClearsIt() {
      ResourceTimeline web = resource(noApproval, WEB);

      assertThat(actions(web))
          .containsExactly(
              "action k8s.rolloutRestart rung 1 {}", "action k8s.scale rung 2 {replicasDelta=1}");
      assertThat(approvals(web)).isEmpty();
      assertThat(pages(web)).isEmpty();
      assertThat(phases(web))
          .containsExactly("MITIGATING", "PROBATION", "MITIGATING", "RECOVERED", "HEALTHY");
    }
  }

  @Nested
  class NodeStormThatTripsTheStormGuard {
    @Test
    void twelveNodesNotReady_noneIsTouched_allAreThrottled_andOneStormPageGoesOut() {
      List<ResourceTimeline> nodes =
          shipped.resources().stream().filter(r -> r.type().equals("k8s/Node")).toList();

      assertThat(nodes).hasSize(12);
      assertThat(nodes).allSatisfy(node -> assertThat(actions(node)).isEmpty());
      assertThat(nodes)
          .allSatisfy(
              node ->
                  assertThat(phases(node)).containsExactly("THROTTLED", "RECOVERED", "HEALTHY"));
      List<String> pages = nodes.stream().flatMap(node -> pages(node).stream()).toList();
      assertThat(pages).containsExactly(STORM_KEY);
      Entry throttled = entries(nodes.get(0), "phase").get(0);
      assertThat(throttled.text()).contains("lease refused", "max-unhealthy-fraction");
    }
  }

  @Nested
  class PodSeenOnlyThroughEventsThatExpireByTtl {
    @Test
    void climbsTwoRungs_asksApprovalForTheThird_andRecoversWhenTheLastEventExpires() {
      ResourceTimeline pod = resource(shipped, WORKER_POD);

      assertThat(actions(pod))
          .containsExactly("action k8s.deletePod rung 1 {}", "action k8s.rolloutRestart rung 2 {}");
      assertThat(approvals(pod)).containsExactly("step 3 k8s.patchResources");
      assertThat(pages(pod)).isEmpty();
      // The last BackOff event came at 08:04; K8sEvent signals expire 15m after they were seen.
      assertThat(minute(phase(pod, "RECOVERED"))).isEqualTo("2026-11-19T08:19:00Z");
      assertThat(pod.endPhase()).isEqualTo("HEALTHY");
    }
  }

  @Nested
  class DockerServiceHighCpuThenLowCpu {
    @Test
    void scalesToTwoOnHighCpu_andBackToOneWhenLowCpuFires() {
      ResourceTimeline app = resource(shipped, APP);

      assertThat(actions(app))
          .containsExactly(
              "action docker.scale rung 1 {replicas=2}", "undo docker.scale rung 1 {replicas=1}");
      assertThat(pages(app)).isEmpty();
      assertThat(phases(app)).containsExactly("MITIGATING", "RECOVERED", "HEALTHY");
      assertThat(minute(phase(app, "HEALTHY"))).isEqualTo("2026-11-20T10:10:00Z");
      assertThat(entries(app, "action").get(0).text())
          .contains("WOULD_DO", "would scale docker service app to 2 replicas");
    }
  }

  @Nested
  class TheWholeWeek {
    @Test
    void summary_countsExactlyTheActionsAndPagesOfTheScenarios() {
      Report.Summary s = shipped.summary();

      assertThat(s.actionsByType())
          .isEqualTo(
              Map.of(
                  "k8s.deletePod", 2,
                  "k8s.rolloutRestart", 2,
                  "docker.scale", 1,
                  "docker.scale (undo)", 1,
                  "docker.restart", 1));
      assertThat(s.actions()).isEqualTo(7);
      assertThat(s.pages()).isEqualTo(1);
      assertThat(s.stormPages()).isEqualTo(1);
      assertThat(s.approvalsRequested()).isEqualTo(2);
      assertThat(s.resourcesThrottled()).isEqualTo(12);
      assertThat(s.incidents()).isEqualTo(17);
      assertThat(s.resourcesTouched()).isEqualTo(5);
      assertThat(s.leftTerminal()).isZero();
      assertThat(s.endPhases()).isEqualTo(Map.of("HEALTHY", 17));
      assertThat(s.timeToFirstAction().count()).isEqualTo(5);
    }

    @Test
    void input_isWhatIngestWouldHaveSeen() {
      Report.Input in = shipped.input();

      assertThat(in.lines()).isEqualTo(23);
      assertThat(in.filtered()).as("Watchdog and a Normal event").isEqualTo(2);
      assertThat(in.duplicates()).as("an HA twin and resends of unchanged alerts").isEqualTo(15);
      assertThat(in.resources()).isEqualTo(18);
      assertThat(shipped.resources())
          .extracting(ResourceTimeline::resource)
          .doesNotContain("alert/HostHighLoad/db-1:9100")
          .contains(WORKER_SERVICE);
      assertThat(in.deliveries()).containsEntry("skipped", 2);
    }

    @Test
    void comparison_namesTheDeploymentAsTheOnlyDifference() {
      Comparison comparison = Comparison.of(shipped, noApproval);

      assertThat(comparison.differences())
          .extracting(Comparison.Difference::resource)
          .containsExactly(WEB);
      assertThat(comparison.differences().get(0).a())
          .isEqualTo("k8s.rolloutRestart; approval asked for step 2; ends HEALTHY");
      assertThat(comparison.differences().get(0).b())
          .isEqualTo("k8s.rolloutRestart; k8s.scale {replicasDelta=1}; ends HEALTHY");
      assertThat(comparison.figures())
          .contains(
              new Comparison.Figure("  k8s.scale", "0", "1", "+1"),
              new Comparison.Figure("approvals asked", "2", "1", "-1"));
    }
  }

  static ResourceTimeline resource(Report report, String id) {
    Optional<ResourceTimeline> found =
        report.resources().stream().filter(r -> r.resource().equals(id)).findFirst();
    assertThat(found).as("remediation of " + id).isPresent();
    return found.get();
  }

  static List<Entry> entries(ResourceTimeline resource, String kind) {
    return resource.incidents().stream()
        .flatMap(i -> i.timeline().stream())
        .filter(e -> e.kind().equals(kind))
        .toList();
  }

  /** {@code action k8s.scale rung 2 {replicasDelta=1}}, {@code undo docker.scale rung 1 {...}}. */
  static List<String> actions(ResourceTimeline resource) {
    return resource.incidents().stream()
        .flatMap(i -> i.timeline().stream())
        .filter(e -> e.kind().equals("action") || e.kind().equals("undo"))
        .map(
            e -> {
              StringBuilder params = new StringBuilder("{");
              e.facts().entrySet().stream()
                  .filter(f -> f.getKey().startsWith("params."))
                  .forEach(
                      f ->
                          params
                              .append(params.length() > 1 ? ", " : "")
                              .append(f.getKey().substring("params.".length()))
                              .append('=')
                              .append(f.getValue()));
              return e.kind()
                  + " "
                  + e.facts().get("action")
                  + " rung "
                  + e.facts().get("rung")
                  + " "
                  + params.append('}');
            })
        .toList();
  }

  static List<String> pages(ResourceTimeline resource) {
    return entries(resource, "page.triggered").stream()
        .map(e -> e.facts().get("dedupKey"))
        .toList();
  }

  static List<String> approvals(ResourceTimeline resource) {
    return entries(resource, "approval.requested").stream()
        .map(e -> "step " + e.facts().get("step") + " " + e.facts().get("action"))
        .toList();
  }

  static List<String> phases(ResourceTimeline resource) {
    return entries(resource, "phase").stream().map(Entry::phase).toList();
  }

  static Instant phase(ResourceTimeline resource, String phase) {
    return entries(resource, "phase").stream()
        .filter(e -> e.phase().equals(phase))
        .map(Entry::at)
        .findFirst()
        .orElseThrow(() -> new AssertionError(resource.resource() + " never entered " + phase));
  }

  static String minute(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).toString();
  }
}
