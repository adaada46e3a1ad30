package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.InMemoryTracing;
import dev.vigil.testkit.PrometheusText;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.worker.support.ActivityLog;
import dev.vigil.worker.support.Probes;
import dev.vigil.worker.support.SharedTemporal;
import dev.vigil.worker.support.WorkerContexts;
import dev.vigil.workflows.client.OperatorActionClient;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.policy.RetrySpec;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.OperatorActionInput;
import dev.vigil.workflows.workflow.OperatorActionState;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The worker application booted for real (HTTP server, Temporal test server over gRPC, embedded
 * PostgreSQL): probes and {@code /metrics} as Kubernetes and Prometheus see them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerProbesIT {
  private static final Duration SECOND = Duration.ofSeconds(1);

  static final String TASK_QUEUE = "worker-probes-it";
  static final Policy POLICY =
      PolicyLoader.parse(
              """
              policies:
                - name: probes
                  match: { resourceType: docker/service, reasons: [HighCPU] }
                  recurrenceWindow: 1s
                  ladder:
                    - { action: docker.scale, params: { replicas: "2" }, verifyWithin: 1m }
              """)
          .getFirst();

  private final HttpClient http = HttpClient.newHttpClient();
  private TestPostgres.Database db;
  private EmbeddedServer worker;

  @BeforeAll
  void startWorker() {
    ActivityLog.reset();
    db = TestPostgres.newDatabase("worker_probes");
    Map<String, Object> properties = WorkerContexts.properties(TASK_QUEUE, db, "probes");
    properties.put(InMemoryTracing.ENABLED, "true");
    worker = ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @AfterAll
  void stopWorker() {
    if (worker != null) {
      worker.getApplicationContext().close();
    }
  }

  @Test
  void metrics_servesTheTemporalSdkWorkerMetrics_inPrometheusText() throws Exception {
    WorkflowStub done = WorkflowStub.fromTyped(Probes.start(TASK_QUEUE, "probe-ok", Map.of()));
    done.getResult(30, TimeUnit.SECONDS, Object.class);
    WorkflowStub failed =
        WorkflowStub.fromTyped(Probes.start(TASK_QUEUE, "probe-failed", Map.of("fail", "true")));
    assertThatThrownBy(() -> failed.getResult(30, TimeUnit.SECONDS, Object.class))
        .isInstanceOf(WorkflowFailedException.class);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> scrape = get("/metrics");
              assertThat(scrape.statusCode()).isEqualTo(200);
              assertThat(scrape.headers().firstValue("content-type").orElse(""))
                  .startsWith("text/plain");
              assertThat(scrape.body())
                  .contains(
                      "temporal_workflow_task_schedule_to_start_latency_seconds_bucket{",
                      "temporal_activity_schedule_to_start_latency_seconds_bucket{",
                      "temporal_worker_task_slots_available{",
                      "temporal_workflow_failed_total{",
                      "task_queue=\"" + TASK_QUEUE + "\"")
                  .containsPattern(
                      "temporal_activity_schedule_to_start_latency_seconds_bucket\\{[^}]*le=\"0\\.5\"")
                  // the configured buckets, not Micrometer's ~70 per series
                  .doesNotContain("le=\"0.001048576\"");
            });
  }

  @Test
  void metrics_servesVigilsOwnFamilies_fromTheWorkflowAndTheActivities() throws Exception {
    ResourceRef resource =
        new ResourceRef(
            "docker/service/probes", "docker/service", "default", null, "probes", Map.of());
    RemediationClient remediations = new RemediationClient(SharedTemporal.client(), TASK_QUEUE);
    remediations.startOrSignal(
        resource, POLICY, observation(resource, HealthState.Unhealthy), false);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ActivityLog.completed().stream()
                    .anyMatch(r -> r.key().startsWith(resource.workflowId())));
    remediations.signalIfRunning(observation(resource, HealthState.Healthy));
    SharedTemporal.client()
        .newUntypedWorkflowStub(resource.workflowId())
        .getResult(30, TimeUnit.SECONDS, Object.class);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String scrape = get("/metrics").body();
              assertThat(scrape)
                  .containsPattern("vigil_remediations_completed_total\\{[^}]*phase=\"HEALTHY\"")
                  .containsPattern(
                      "vigil_rungs_total\\{[^}]*action=\"docker.scale\"[^}]*outcome=\"succeeded\"");
              assertThat(
                      PrometheusText.parse(scrape)
                          .unboundedLabels(resource.id(), resource.workflowId()))
                  .as("label values carrying a resource id, pod name or URL")
                  .isEmpty();
            });

    // The worker service registers the tracing interceptor: the workflow and its activities are
    // spans of one trace.
    List<SpanData> spans =
        worker.getApplicationContext().getBean(InMemorySpanExporter.class).getFinishedSpanItems();
    SpanData run =
        spans.stream()
            .filter(s -> s.getName().equals("RunWorkflow:Remediation"))
            .findFirst()
            .orElseThrow();
    assertThat(spans)
        .filteredOn(
            s ->
                s.getName().equals("RunActivity:ScaleService")
                    && resource
                        .workflowId()
                        .equals(
                            s.getAttributes()
                                .get(
                                    io.opentelemetry.api.common.AttributeKey.stringKey(
                                        "workflowId"))))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(run.getTraceId()));
  }

  @Test
  void readiness_isUp_withTemporalPostgresAndThePollingWorker() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> ready = get("/health/readiness");
              assertThat(ready.statusCode()).isEqualTo(200);
              assertThat(ready.body())
                  .contains("\"status\":\"UP\"", "\"temporal\"", "\"postgresql\"", "\"worker\"");
            });
    assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void readiness_isDown503_whenTemporalIsUnreachable() throws Exception {
    Map<String, Object> props = WorkerContexts.properties(TASK_QUEUE + "-down", db, "down");
    props.put("vigil.temporal.target", "127.0.0.1:" + LoopbackPorts.free());
    props.put("vigil.health.timeout", "500ms");
    try (EmbeddedServer unreachable = ApplicationContext.run(EmbeddedServer.class, props)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                long start = System.nanoTime();
                HttpResponse<String> ready = get(unreachable, "/health/readiness");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SECOND);
                assertThat(ready.statusCode()).isEqualTo(503);
                // refused at once or timed out, depending on the machine: either way it says why
                assertThat(ready.body())
                    .containsPattern(
                        "\"temporal\":\\{[^}]*\"status\":\"DOWN\",\"details\":\\{[^}]*\"error\":\"StatusRuntimeException");
              });
      assertThat(get(unreachable, "/health/liveness").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void operatorAction_isRegisteredByTheWorker_runsThroughTheJournal_andIsRecorded()
      throws Exception {
    ResourceRef resource =
        new ResourceRef("docker/service/ops", "docker/service", "default", null, "ops", Map.of());
    OperatorActionInput input =
        new OperatorActionInput(
            "probe-action",
            resource,
            new ActionSpec("docker.scale", null, Map.of("replicas", "2")),
            true,
            false,
            "alice",
            Instant.now(),
            List.of("cluster"),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            RetrySpec.DEFAULT);

    new OperatorActionClient(SharedTemporal.client(), TASK_QUEUE).start(input);
    OperatorActionStatus end =
        SharedTemporal.client()
            .newUntypedWorkflowStub(input.workflowId())
            .getResult(30, TimeUnit.SECONDS, OperatorActionStatus.class);

    assertThat(end.state()).isEqualTo(OperatorActionState.SUCCEEDED);
    assertThat(end.outcome()).isEqualTo("WOULD_DO");
    try (var c = db.dataSource().getConnection();
        var rows =
            c.createStatement()
                .executeQuery(
                    "select (select state from operator_action where id = 'probe-action'),"
                        + " (select outcome from action_execution where workflow_id = '"
                        + input.workflowId()
                        + "')")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("SUCCEEDED");
      assertThat(rows.getString(2)).isEqualTo("WOULD_DO");
    }
  }

  private static HealthObservation observation(ResourceRef resource, HealthState health) {
    boolean adverse = health != HealthState.Healthy;
    return new HealthObservation(
        resource.id() + "/" + health,
        resource.id(),
        health,
        Instant.now(),
        adverse ? List.of("HighCPU") : List.of(),
        adverse ? "critical" : null,
        "HighCPU");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(worker, path);
  }

  private HttpResponse<String> get(EmbeddedServer server, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
