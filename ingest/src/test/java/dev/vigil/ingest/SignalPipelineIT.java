package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.outbox.OutboxPruner;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.Ledger;
import dev.vigil.ingest.support.RecordingTemporal;
import dev.vigil.ingest.support.WorkflowRecorder;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import dev.vigil.testkit.PrometheusText;
import dev.vigil.testkit.TestKafka;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Eventrouter events, envelopes and the state store's guarantees over real PostgreSQL, Kafka and a
 * Temporal test server: resource ids that do not collide, order-safety, a 10,000-event burst,
 * signal TTLs swept by the partition owner, incident CloudEvents, metrics and probes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SignalPipelineIT implements TestPropertyProvider {
  private RecordingTemporal temporal;
  private TestPostgres.Database database;
  private IngestTestProperties.Topics topics;
  private Db db;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject OutboxPruner outboxPruner;
  @Inject TransactionOperations<Connection> tx;
  @Inject JdbcOperations jdbc;

  @Override
  public Map<String, String> getProperties() {
    temporal = RecordingTemporal.started();
    database = TestPostgres.newDatabase("signal_pipeline");
    db = new Db(database.dataSource());
    topics = IngestTestProperties.topics("signal-pipeline");
    Map<String, String> properties =
        new HashMap<>(
            IngestTestProperties.of("signal-pipeline", database, topics, temporal.target()));
    properties.put("vigil.ingest.ttl.by-reason.ShortLived", "2s");
    return properties;
  }

  @AfterAll
  void stopTemporal() {
    temporal.close();
  }

  private HttpResponse<String> post(String path, String body, String contentType) {
    return http.toBlocking()
        .exchange(HttpRequest.POST(path, body).contentType(contentType), String.class);
  }

  @Test
  void eventrouterCrashLoopForTwoPodsWithTheSameNameInTwoNamespaces_becomesTwoResources() {
    StringBuilder lines = new StringBuilder();
    String now = Instant.now().toString();
    for (String line : Fixtures.text("eventrouter/backoff-two-namespaces.jsonl").split("\n")) {
      ObjectNode event = (ObjectNode) Fixtures.JSON.valueToTree(parse(line));
      ((ObjectNode) event.get("event")).put("lastTimestamp", now);
      lines.append(event).append('\n');
    }

    HttpResponse<String> response =
        post("/v1/ingest/k8s-events", lines.toString(), "application/x-ndjson");

    assertThat(response.code()).isEqualTo(202);
    String payments = "k8s/test/payments/Pod/api";
    String checkout = "k8s/test/checkout/Pod/api";
    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(checkout)));
    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(payments)));
    assertThat(db.rows("select id, type, namespace, name from resource_state where name = 'api'"))
        .extracting(row -> row.get("id"))
        .containsExactlyInAnyOrder(payments, checkout);
    assertThat(db.activeSignals(checkout))
        .anySatisfy(
            s -> {
              assertThat(s.reason()).isEqualTo("CrashLoopBackOff");
              assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(s.expiresAt()).isNotNull();
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                WorkflowRecorder.starts(WorkflowIds.remediation(payments)) == 1
                    && WorkflowRecorder.starts(WorkflowIds.remediation(checkout)) == 1);
  }

  @Test
  void normalKubernetesEvents_areFilteredAsNoise() {
    HttpResponse<String> response =
        post(
            "/v1/ingest/k8s-events",
            Fixtures.text("eventrouter/normal-scheduled.json"),
            MediaType.APPLICATION_JSON);

    assertThat(response.code()).isEqualTo(202);
    assertThat(response.body()).contains("\"accepted\":0", "\"filtered\":1");
  }

  @Test
  void resolvedObservedBeforeAnOlderFiring_stateStaysHealthy() {
    String resource = "docker/service/out-of-order";
    Instant firing = Instant.now().minusSeconds(60);
    Instant resolved = firing.plusSeconds(30);

    post(
        "/v1/ingest/signals",
        "[" + envelope(resource, "HighCPU", "error", "resolved", resolved) + "]",
        MediaType.APPLICATION_JSON);
    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(db.health(resource)));
    post(
        "/v1/ingest/signals",
        "[" + envelope(resource, "HighCPU", "error", "firing", firing) + "]",
        MediaType.APPLICATION_JSON);
    await().atMost(Duration.ofSeconds(30)).until(() -> Ledger.caughtUp(db, topics.signals()));

    assertThat(db.health(resource)).isEqualTo("Healthy");
    assertThat(db.outboxRows(resource)).isZero();
    assertThat(
            db.row("select active_signals::text as s from resource_state where id = ?", resource))
        .containsEntry("s", "[]");
  }

  @Test
  void cloudEventsStructuredAndBatch_areAccepted() {
    String resource = "docker/service/cloudevents-app";
    String eventId = UUID.randomUUID().toString();
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"/monitoring/cpu","type":"dev.vigil.signal",
         "subject":"%s","time":"%s","datacontenttype":"application/json",
         "data":{"resourceType":"docker/service","code":"Metric","reason":"HighCPU",
                 "severity":"warning","status":"firing","labels":{"service":"app"}}}
        """
            .formatted(eventId, resource, Instant.now());

    assertThat(post("/v1/ingest/signals", event, "application/cloudevents+json").code())
        .isEqualTo(202);
    assertThat(
            post(
                    "/v1/ingest/signals",
                    "["
                        + event
                            .replace("HighCPU", "HighMemory")
                            .replace(eventId, UUID.randomUUID().toString())
                        + "]",
                    "application/cloudevents-batch+json")
                .code())
        .isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> "Degraded".equals(db.health(resource)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ((String)
                        db.row(
                                "select active_signals::text as s from resource_state where id = ?",
                                resource)
                            .get("s"))
                    .contains("HighMemory"));
  }

  @Test
  void tenThousandEventsOverOneHundredResources_exactlyTheTransitionsAndOneWorkflowPerUnhealthy()
      throws Exception {
    Instant base = Instant.now().minusSeconds(120);
    int resources = 100;
    int perResource = 100;
    // Resources 0-49 crash-loop (critical) and resolve with their last event: Healthy ->
    // Unhealthy -> Healthy, two transitions each. Resources 50-99 only warn: one transition each.
    List<StringBuilder> chunks = new ArrayList<>();
    for (int j = 0; j < perResource; j++) {
      if (j % 10 == 0) {
        chunks.add(new StringBuilder("["));
      }
      StringBuilder chunk = chunks.get(chunks.size() - 1);
      for (int i = 0; i < resources; i++) {
        boolean crashing = i < 50;
        String status = crashing && j == perResource - 1 ? "resolved" : "firing";
        if (chunk.length() > 1) {
          chunk.append(',');
        }
        chunk.append(
            envelope(
                burstResource(i),
                crashing ? "CrashLoopBackOff" : "HighMemory",
                crashing ? "error" : "warning",
                status,
                base.plusMillis(j * 10L),
                "burst-" + i + "-" + j));
      }
    }
    long start = System.nanoTime();
    // Nine chunks at once; the tenth, with the resolutions, once they are all acknowledged.
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < 9; c++) {
      String body = chunks.get(c).append(']').toString();
      senders.add(
          Thread.ofPlatform()
              .start(() -> post("/v1/ingest/signals", body, MediaType.APPLICATION_JSON)));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    post("/v1/ingest/signals", chunks.get(9).append(']').toString(), MediaType.APPLICATION_JSON);
    long accepted = System.nanoTime();
    await().atMost(Duration.ofSeconds(90)).until(() -> Ledger.caughtUp(db, topics.signals()));
    long applied = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                IntStream.range(0, 50)
                    .allMatch(
                        i ->
                            WorkflowRecorder.clearObservations(
                                    WorkflowIds.remediation(burstResource(i)))
                                == 1));
    long drained = System.nanoTime();
    System.out.printf(
        "BURST 10000 events/100 resources: accepted (HTTP 202) in %d ms, applied to PostgreSQL in"
            + " %d ms, workflows observed clear in %d ms%n",
        (accepted - start) / 1_000_000,
        (applied - start) / 1_000_000,
        (drained - start) / 1_000_000);

    assertThat(
            db.count(
                "select count(*) from outbox where kind = 'observation' and aggregate_id like"
                    + " 'k8s/burst/%'"))
        .isEqualTo(50 * 2 + 50);
    for (int i = 0; i < resources; i++) {
      String workflow = WorkflowIds.remediation(burstResource(i));
      if (i < 50) {
        assertThat(db.health(burstResource(i))).isEqualTo("Healthy");
        assertThat(WorkflowRecorder.starts(workflow)).as(workflow).isEqualTo(1);
        assertThat(WorkflowRecorder.observations(workflow))
            .extracting(HealthObservation::healthState)
            .extracting(Enum::name)
            .containsExactly("Unhealthy", "Healthy");
      } else {
        assertThat(db.health(burstResource(i))).isEqualTo("Degraded");
        assertThat(WorkflowRecorder.starts(workflow)).as(workflow).isZero();
        assertThat(db.activeSignals(burstResource(i)))
            .extracting(ActiveSignal::count)
            .contains(100);
      }
    }
  }

  @Test
  void signalWithATtl_expiresAsAHealthTransition_sweptByItsPartitionOwner() throws Exception {
    String resource = "docker/service/short-lived";
    post(
        "/v1/ingest/signals",
        "[" + envelope(resource, "ShortLived", "error", "firing", Instant.now()) + "]",
        MediaType.APPLICATION_JSON);
    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(resource)));
    assertThat(
            db.row("select partition from resource_state where id = ?", resource).get("partition"))
        .as("the row carries the partition whose owner writes (and sweeps) it")
        .isNotNull();

    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(db.health(resource)));
    assertThat(
            db.rows(
                "select payload->'observation'->>'eventId' as event, payload->>'previousHealth' as"
                    + " previous from outbox where aggregate_id = ? order by id",
                resource))
        .extracting(row -> row.get("previous") + " " + row.get("event"))
        .hasSize(2)
        .last()
        .asString()
        .startsWith("Unhealthy expiry:" + resource + ":Signal|ShortLived:");
  }

  @Test
  void incidentOutboxRows_arePublishedVerbatimAsCloudEvents() {
    String cloudEvent =
        """
        {"specversion":"1.0","id":"inc-1-detected","source":"/vigil/incidents",
         "type":"dev.cdevents.incident.detected.0.2.0","subject":"inc-1",
         "time":"2026-01-08T10:00:00Z","datacontenttype":"application/json",
         "data":{"context":{"version":"0.4.1","id":"inc-1-detected"},
                 "subject":{"id":"inc-1","content":{"description":"crash loop"}}}}
        """;
    db.update(
        "insert into outbox (kind, aggregate_id, event_type, payload) values ('incident', ?, ?,"
            + " ?::jsonb)",
        "inc-1",
        "dev.cdevents.incident.detected.0.2.0",
        cloudEvent);
    String stored =
        (String)
            db.row("select payload::text as p from outbox where aggregate_id = 'inc-1'").get("p");

    Map<String, Object> props = new HashMap<>(TestKafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "incidents-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topics.incidents()));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
              });
      ConsumerRecord<String, String> record = received.get(0);
      assertThat(record.key()).isEqualTo("inc-1");
      assertThat(record.value()).isEqualTo(stored);
      assertThat(
              new String(
                  record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
          .isEqualTo("application/cloudevents+json");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                db.count(
                        "select count(*) from outbox where aggregate_id = 'inc-1' and delivered_at"
                            + " is not null")
                    == 1);
  }

  @Test
  void metricsInPrometheusText_andProbes() {
    post(
        "/v1/ingest/alertmanager",
        Fixtures.alertmanagerForPod("alertmanager/crashloop-firing.json", "metrics-pod"),
        MediaType.APPLICATION_JSON);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "Unhealthy".equals(db.health("k8s/prod-eu/payments/Pod/metrics-pod")));

    String metrics = http.toBlocking().retrieve("/metrics");

    assertThat(metrics)
        .contains(
            "vigil_events_received_total{outcome=\"accepted\",source=\"alertmanager\"}",
            "vigil_state_upsert_seconds_bucket",
            "vigil_state_upsert_seconds_count",
            "vigil_health_transitions_total{to=\"Unhealthy\"}",
            "vigil_consumer_lag{topic=\"signal-pipeline.signals\"}",
            "vigil_outbox_backlog{kind=\"observation\"}",
            "vigil_outbox_oldest_age_seconds{kind=\"incident\"}",
            "vigil_workflows_started_total",
            "vigil_observations_delivered_total{outcome=\"started\"}");
    assertThat(
            PrometheusText.parse(metrics)
                .unboundedLabels("metrics-pod", "k8s/prod-eu", "prod-eu/payments"))
        .as("label values carrying a resource id, pod name or URL")
        .isEmpty();
    assertThat(http.toBlocking().retrieve("/health/liveness")).contains("UP");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String readiness = http.toBlocking().retrieve("/health/readiness");
              assertThat(readiness)
                  .contains("\"status\":\"UP\"", "\"postgresql\"", "\"kafka\"")
                  .doesNotContain("\"temporal\"");
            });
  }

  @Test
  void repositoryStatements_runInTheCallersTransaction() {
    String sql = "select txid_current()";
    boolean same =
        tx.executeWrite(
            status -> {
              long first = jdbc.prepareStatement(sql, ps -> txid(ps));
              long second = jdbc.prepareStatement(sql, ps -> txid(ps));
              return first == second;
            });
    try {
      tx.executeWrite(
          status -> {
            jdbc.prepareStatement(
                "insert into audit_log (actor, action, target, result, status_code) values ('t',"
                    + " 'a', 'rollback-probe', 'r', 200)",
                ps -> ps.executeUpdate());
            throw new IllegalStateException("roll back");
          });
    } catch (IllegalStateException expected) {
      // rolled back
    }

    assertThat(same).isTrue();
    assertThat(db.count("select count(*) from audit_log where target = 'rollback-probe'")).isZero();
  }

  private static long txid(java.sql.PreparedStatement ps) throws java.sql.SQLException {
    try (java.sql.ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void retention_prunesOldDeliveredOutboxRows_only() {
    db.update(
        "insert into outbox (kind, aggregate_id, event_type, payload, delivered_at) values"
            + " ('observation', 'retention/old', 'health.transition', '{}', now() - interval '8"
            + " days'), ('observation', 'retention/recent', 'health.transition', '{}', now() -"
            + " interval '1 day')");

    assertThat(outboxPruner.prune()).isEqualTo(1);

    assertThat(db.rows("select aggregate_id from outbox where aggregate_id like 'retention/%'"))
        .extracting(row -> row.get("aggregate_id"))
        .containsExactly("retention/recent");
  }

  private static String burstResource(int i) {
    return "k8s/burst/ns/Pod/p" + i;
  }

  private static String envelope(
      String resource, String reason, String severity, String status, Instant observedAt) {
    return envelope(resource, reason, severity, status, observedAt, null);
  }

  private static String envelope(
      String resource,
      String reason,
      String severity,
      String status,
      Instant observedAt,
      String id) {
    ObjectNode node = Fixtures.JSON.createObjectNode();
    if (id != null) {
      node.put("id", id);
    }
    node.put("source", "test")
        .put("resourceId", resource)
        .put("reason", reason)
        .put("severity", severity)
        .put("status", status)
        .put("observedAt", observedAt.toString());
    return node.toString();
  }

  private static Object parse(String json) {
    try {
      return Fixtures.JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
