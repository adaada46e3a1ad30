package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.outbox.OutboxDestination;
import dev.vigil.ingest.outbox.OutboxRelay;
import dev.vigil.ingest.outbox.OutboxRepository;
import dev.vigil.ingest.outbox.OutboxTracing;
import dev.vigil.ingest.outbox.RelayConfig;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.RecordingTemporal;
import dev.vigil.ingest.support.WorkflowRecorder;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Temporal goes away while signals flow: ingest keeps answering 202 and recording transitions, the
 * outbox grows and backs off, and once the same test server is back on the same port the outbox
 * drains, with a second relay replica racing the first, and every transition arrives exactly once,
 * in order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class TemporalOutageIT implements TestPropertyProvider {
  private static final int RESOURCES = 10;

  private RecordingTemporal temporal;
  private Db db;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject OutboxRepository outbox;
  @Inject TransactionOperations<Connection> tx;
  @Inject List<OutboxDestination> destinations;
  @Inject RelayConfig relayConfig;
  @Inject IngestMetrics metrics;
  @Inject OutboxTracing tracing;

  @Override
  public Map<String, String> getProperties() {
    temporal = RecordingTemporal.started();
    TestPostgres.Database database = TestPostgres.newDatabase("temporal_outage");
    db = new Db(database.dataSource());
    return IngestTestProperties.of(
        "temporal-outage",
        database,
        IngestTestProperties.topics("temporal-outage"),
        temporal.target());
  }

  @AfterAll
  void stopTemporal() {
    temporal.close();
  }

  private static String pod(int i) {
    return "outage-" + i;
  }

  private static String resource(int i) {
    return "k8s/prod-eu/payments/Pod/" + pod(i);
  }

  private void postAll(String fixture) {
    for (int i = 0; i < RESOURCES; i++) {
      int status =
          http.toBlocking()
              .exchange(
                  HttpRequest.POST(
                          "/v1/ingest/alertmanager", Fixtures.alertmanagerForPod(fixture, pod(i)))
                      .contentType(MediaType.APPLICATION_JSON_TYPE),
                  String.class)
              .code();
      assertThat(status).isEqualTo(202);
    }
  }

  @Test
  void temporalDownWhileEventsFlow_outboxGrowsThenDrainsWithNoTransitionLostOrDoubled()
      throws Exception {
    temporal.stop();

    postAll("alertmanager/crashloop-firing.json");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                IntStream.range(0, RESOURCES)
                    .allMatch(i -> "Unhealthy".equals(db.health(resource(i)))));
    postAll("alertmanager/crashloop-resolved.json");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                IntStream.range(0, RESOURCES)
                    .allMatch(i -> "Healthy".equals(db.health(resource(i)))));
    // Firing: Healthy -> Unhealthy; resolved: Unhealthy -> Degraded -> Healthy (the crash-loop
    // alert resolves first, two warnings remain for a moment).
    long transitions =
        db.count(
            "select count(*) from outbox where kind = 'observation' and aggregate_id like"
                + " 'k8s/prod-eu/payments/Pod/outage-%'");
    assertThat(transitions).isEqualTo(RESOURCES * 3L);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "select count(*) from outbox where delivered_at is null"
                            + " and last_error like '%Temporal unavailable%'")
                    > 0);
    assertThat(db.undeliveredOutbox()).isEqualTo(transitions);
    // Postponed while Temporal is down, not failed: no backoff builds up during the outage (the
    // call that met the server going away may count once, with whatever status it got).
    Thread.sleep(3_000); // the outage lasts several relay rounds (every 100 ms here)
    assertThat(db.count("select coalesce(max(attempts), 0) from outbox where delivered_at is null"))
        .isLessThanOrEqualTo(1);
    assertThat(
            IntStream.range(0, RESOURCES)
                .map(i -> WorkflowRecorder.starts(WorkflowIds.remediation(resource(i))))
                .sum())
        .isZero();

    temporal.start();
    OutboxRelay secondReplica = new OutboxRelay(outbox, tx, destinations, relayConfig, tracing);
    AtomicBoolean racing = new AtomicBoolean(true);
    Thread race =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (racing.get()) {
                    secondReplica.drain();
                  }
                });
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> db.undeliveredOutbox() == 0);
    } finally {
      racing.set(false);
      race.join();
    }

    for (int i = 0; i < RESOURCES; i++) {
      String workflow = WorkflowIds.remediation(resource(i));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  WorkflowRecorder.observations(workflow).stream()
                          .map(HealthObservation::eventId)
                          .distinct()
                          .count()
                      == 3);
      assertThat(WorkflowRecorder.starts(workflow)).as(workflow).isEqualTo(1);
      List<Map<String, Object>> rows =
          db.rows(
              "select payload->'observation'->>'eventId' as e, attempts, last_error from outbox"
                  + " where aggregate_id = ? order by id",
              resource(i));
      List<String> expected = rows.stream().map(row -> (String) row.get("e")).toList();
      List<String> seen =
          WorkflowRecorder.observations(workflow).stream().map(HealthObservation::eventId).toList();
      // Every transition arrives, in order; the workflow applies each event id once.
      assertThat(seen.stream().distinct().toList())
          .as(workflow)
          .containsExactlyElementsOf(expected);
      // A second copy is only possible where an attempt timed out after Temporal may have applied
      // it: at-least-once delivery, deduped by event id in the workflow.
      for (Map<String, Object> row : rows) {
        long copies = seen.stream().filter(row.get("e")::equals).count();
        if (copies > 1) {
          assertThat((String) row.get("last_error")).as(workflow).contains("DEADLINE_EXCEEDED");
        }
      }
      assertThat(
              WorkflowRecorder.observations(workflow).stream()
                  .map(o -> o.healthState().name())
                  .distinct()
                  .toList())
          .containsExactly("Unhealthy", "Degraded", "Healthy");
    }
  }
}
