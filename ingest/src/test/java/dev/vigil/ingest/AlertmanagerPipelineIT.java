package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.Ledger;
import dev.vigil.ingest.support.RecordingTemporal;
import dev.vigil.ingest.support.WorkflowRecorder;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Alertmanager webhooks through the whole pipeline over real dependencies: HTTP receiver, Kafka,
 * the consumer, PostgreSQL, the outbox relay and a Temporal test server with a recording worker.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AlertmanagerPipelineIT implements TestPropertyProvider {
  private static final String POD_ID = "k8s/prod-eu/payments/Pod/";

  private RecordingTemporal temporal;
  private TestPostgres.Database database;
  private Db db;

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    temporal = RecordingTemporal.started();
    database = TestPostgres.newDatabase("am_pipeline");
    db = new Db(database.dataSource());
    return IngestTestProperties.of(
        "am-pipeline", database, IngestTestProperties.topics("am-pipeline"), temporal.target());
  }

  @AfterAll
  void stopTemporal() {
    temporal.close();
  }

  private HttpResponse<String> post(String body) {
    return http.toBlocking()
        .exchange(
            HttpRequest.POST("/v1/ingest/alertmanager", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE),
            String.class);
  }

  @Test
  void threeAlertsFiringThenResolved_unhealthyThenHealthy_oneWorkflow_oneClearObservation() {
    String pod = "api-7c9b8d-x2x4l";
    String resource = POD_ID + pod;
    String workflow = WorkflowIds.remediation(resource);

    HttpResponse<String> firing = post(Fixtures.text("alertmanager/crashloop-firing.json"));

    assertThat(firing.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    assertThat(firing.body()).contains("\"accepted\":3");
    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(resource)));
    await().atMost(Duration.ofSeconds(30)).until(() -> WorkflowRecorder.starts(workflow) == 1);

    post(Fixtures.text("alertmanager/crashloop-resolved.json"));

    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(db.health(resource)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WorkflowRecorder.clearObservations(workflow) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> db.undeliveredOutbox() == 0);
    assertThat(WorkflowRecorder.starts(workflow)).isEqualTo(1);
    assertThat(WorkflowRecorder.startPolicies(workflow)).containsExactly("crashloop-pod");
    assertThat(WorkflowRecorder.clearObservations(workflow)).isEqualTo(1);
    assertThat(
            db.row("select active_signals::text as s from resource_state where id = ?", resource))
        .containsEntry("s", "[]");
  }

  @Test
  void sameGroupPostedTwiceByAnHaPair_countsAndTransitionsAsIfPostedOnce() {
    String once = POD_ID + "ha-once";
    String twice = POD_ID + "ha-twice";

    post(Fixtures.alertmanagerForPod("alertmanager/crashloop-firing.json", "ha-once"));
    String group = Fixtures.alertmanagerForPod("alertmanager/crashloop-firing.json", "ha-twice");
    post(group);
    post(group);

    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(once)));
    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(twice)));
    await().atMost(Duration.ofSeconds(30)).until(() -> Ledger.caughtUp(db, "am-pipeline.signals"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                WorkflowRecorder.starts(WorkflowIds.remediation(once)) == 1
                    && WorkflowRecorder.starts(WorkflowIds.remediation(twice)) == 1);
    String signalsOnce =
        (String)
            db.row("select active_signals::text as s from resource_state where id = ?", once)
                .get("s");
    String signalsTwice =
        (String)
            db.row("select active_signals::text as s from resource_state where id = ?", twice)
                .get("s");
    assertThat(signalsTwice).isEqualTo(signalsOnce);
    assertThat(db.activeSignals(twice)).extracting(ActiveSignal::count).containsOnly(1);
    assertThat(db.outboxRows(twice)).isEqualTo(db.outboxRows(once)).isEqualTo(1);
    assertThat(WorkflowRecorder.observations(WorkflowIds.remediation(twice)))
        .hasSameSizeAs(WorkflowRecorder.observations(WorkflowIds.remediation(once)));
  }
}
