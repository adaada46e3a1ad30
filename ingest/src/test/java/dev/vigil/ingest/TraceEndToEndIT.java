package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.RecordingActivities;
import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.testkit.InMemoryTracing;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One Alertmanager POST is one trace: the receiver's server span, a consumer span per Kafka record
 * (the traceparent travelled in the record headers), the relay's span (the traceparent travelled in
 * the outbox row), Temporal's SignalWithStart client span, the workflow's span and an action
 * activity's span, all with the same trace id. Real Kafka, PostgreSQL and Temporal test server; the
 * real {@link RemediationWorkflowImpl} on a worker built with the service's own interceptors (the
 * same ones the worker service registers); the activities record instead of acting, so no Docker or
 * Kubernetes is needed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TraceEndToEndIT implements TestPropertyProvider {
  private static final String POD = "traced-7c9b8d-x2x4l";
  private static final String RESOURCE = "k8s/prod-eu/payments/Pod/" + POD;

  private final RecordingActivities activities = new RecordingActivities();
  private LocalTemporal temporal;
  private WorkflowServiceStubs stubs;
  private WorkerFactory workers;
  private Db db;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject InMemorySpanExporter spans;
  @Inject List<WorkerInterceptor> workerInterceptors;

  @Override
  public Map<String, String> getProperties() {
    temporal = LocalTemporal.start(0);
    TestPostgres.Database database = TestPostgres.newDatabase("trace_e2e");
    db = new Db(database.dataSource());
    Map<String, String> p =
        new HashMap<>(
            IngestTestProperties.of(
                "trace-e2e",
                database,
                IngestTestProperties.topics("trace-e2e"),
                temporal.target()));
    p.put(InMemoryTracing.ENABLED, "true");
    p.put("vigil.dry-run", "true");
    return p;
  }

  @BeforeAll
  void startWorker() {
    stubs = temporal.newStubs();
    workers =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(stubs),
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(workerInterceptors.toArray(WorkerInterceptor[]::new))
                .build());
    Worker worker = workers.newWorker(WorkflowIds.TASK_QUEUE);
    RemediationWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
    worker.registerActivitiesImplementations(activities.all());
    workers.start();
  }

  @AfterAll
  void stop() {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    stubs.shutdownNow();
    temporal.close();
  }

  @Test
  void oneAlertmanagerPost_isOneTrace_fromTheReceiverToAnActionActivity() {
    int status =
        http.toBlocking()
            .exchange(
                HttpRequest.POST(
                        "/v1/ingest/alertmanager",
                        Fixtures.alertmanagerForPod("alertmanager/crashloop-firing.json", POD))
                    .contentType(MediaType.APPLICATION_JSON_TYPE),
                String.class)
            .code();
    assertThat(status).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> named("RunActivity:").stream().anyMatch(s -> isAction(s)));

    SpanData receiver = only(named("POST /v1/ingest alertmanager"));
    assertThat(receiver.getKind()).isEqualTo(SpanKind.SERVER);
    String trace = receiver.getTraceId();

    List<SpanData> consumed = named("trace-e2e.signals process");
    assertThat(consumed)
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER));
    assertThat(consumed)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(receiver.getSpanId()));
    SpanData relay = only(named("outbox deliver observation"));
    assertThat(consumed.stream().map(SpanData::getSpanId)).contains(relay.getParentSpanId());
    SpanData signalWithStart = only(named("SignalWithStartWorkflow:Remediation"));
    assertThat(signalWithStart.getParentSpanId()).isEqualTo(relay.getSpanId());
    SpanData action =
        named("RunActivity:").stream().filter(this::isAction).findFirst().orElseThrow();

    // Temporal's OpenTracing interceptor starts the signal handler's span (HandleSignal:observe)
    // from the signal's own headers, which signalWithStart leaves empty: it is a trace of its own.
    // Everything else, the workflow's activities included, is this one trace.
    Set<String> traces =
        spans.getFinishedSpanItems().stream()
            .filter(span -> !span.getName().startsWith("HandleSignal:"))
            .map(SpanData::getTraceId)
            .collect(Collectors.toSet());
    assertThat(traces).as("trace ids of %s", names()).containsExactly(trace);
    assertThat(action.getTraceId()).isEqualTo(trace);
    // The workflow's own span (RunWorkflow) ends with the workflow; the activity's parent is the
    // workflow's StartActivity span, the workflow's child.
    SpanData scheduled =
        spans.getFinishedSpanItems().stream()
            .filter(span -> span.getSpanId().equals(action.getParentSpanId()))
            .findFirst()
            .orElseThrow();
    assertThat(scheduled.getName()).startsWith("StartActivity:");
    assertThat(activities.calls).contains("k8s.deletePod");
    assertThat(
            db.row("select traceparent from outbox where aggregate_id = ?", RESOURCE)
                .get("traceparent"))
        .asString()
        .contains(trace);
  }

  private boolean isAction(SpanData span) {
    return span.getName().contains("DeletePod") || span.getName().contains("deletePod");
  }

  private List<SpanData> named(String prefix) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().startsWith(prefix))
        .toList();
  }

  private static SpanData only(List<SpanData> spans) {
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private List<String> names() {
    return spans.getFinishedSpanItems().stream()
        .map(s -> s.getName() + "@" + s.getTraceId())
        .toList();
  }
}
