package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.ingest.outbox.OutboxRepository;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Outbox;
import dev.vigil.store.contracts.Severity;
import dev.vigil.store.contracts.StateColumns;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Each JSON column ingest writes and another module reads, through a real PostgreSQL column and
 * back: written by ingest's own repositories, read the way the readers read it (store's {@link
 * StateColumns} for {@code resource_state}, {@link Outbox}'s SQL paths for the API's event stream).
 * {@code labels} and the outbox payload are jsonb, which reorders keys and drops whitespace, so a
 * reader that depended on the writer's text would fail here; {@code active_signals} is json since
 * V32 and {@code signal_marks} text since V31 (both kept as written), and round-trip here too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SharedColumnsRoundTripIT {
  private static final Instant T0 = Instant.parse("2026-01-08T09:00:00.123456Z");

  ApplicationContext context;
  Db db;
  TransactionOperations<Connection> tx;

  @BeforeAll
  @SuppressWarnings("unchecked")
  void start() {
    String name = "shared-columns";
    TestPostgres.Database database = TestPostgres.newDatabase(name);
    db = new Db(database.dataSource());
    Map<String, Object> props =
        new HashMap<>(
            IngestTestProperties.of(name, database, IngestTestProperties.topics(name), null));
    props.put("vigil.ingest.consumer.enabled", "false");
    props.put("vigil.ingest.relay.enabled", "false");
    context = ApplicationContext.run(props);
    tx = context.getBean(TransactionOperations.class);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void resourceState_activeSignalsMarksAndLabels_readBackAsWritten() {
    ActiveSignal ttl =
        new ActiveSignal(
            "K8sEvent",
            "BackOff",
            3,
            Severity.WARNING,
            T0,
            T0.plusSeconds(60),
            "Back-off restarting failed container \"api\" \u2013 ünïcödé",
            T0.plusSeconds(660));
    ActiveSignal bare = new ActiveSignal("HighCPU", "", 1, Severity.CRITICAL, T0, T0, null, null);
    ResourceState written =
        new ResourceState(
            "k8s/prod/payments/Pod/api-1",
            "k8s/Pod",
            "prod",
            "payments",
            "api-1",
            null,
            HealthState.Unhealthy,
            List.of(ttl, bare),
            Map.of(
                ttl.key(),
                SignalMark.first(SignalStatus.FIRING, T0, SignalMark.hash("e-1")),
                bare.key(),
                new SignalMark(SignalStatus.FIRING, T0)),
            Map.of("vigil.dev/org", "acme", "team", "payments"),
            T0.plusSeconds(60),
            T0,
            T0.plusSeconds(660));
    ResourceStateRepository repository = context.getBean(ResourceStateRepository.class);

    tx.executeWrite(
        status -> {
          repository.upsert(List.of(written), Map.of(written.id(), 2));
          return null;
        });
    ResourceState read =
        tx.executeRead(status -> repository.load(List.of(written.id())).get(written.id()));

    assertThat(read).isEqualTo(written);
    // what the API and the backtest read, from the stored text
    Map<String, Object> row =
        db.row(
            "select active_signals::text as s, labels::text as l from resource_state where id = ?",
            written.id());
    assertThat(StateColumns.activeSignals((String) row.get("s"))).containsExactly(ttl, bare);
    assertThat(StateColumns.labels((String) row.get("l"))).isEqualTo(written.labels());
    assertThat((String) row.get("s"))
        .as("instants as ISO-8601 text, severity in lower case, nulls left out")
        .contains("\"firstSeen\":\"2026-01-08T09:00:00.123456Z\"", "\"severity\":\"critical\"")
        .doesNotContain("null");
  }

  /**
   * A batch goes to PostgreSQL as one separated text per column ({@link BatchColumns.Separated}):
   * nulls, empty texts, JSON and partitions must come back where they were, and a value holding a
   * separator, or a lone empty text, must make the batch go as arrays instead of breaking it.
   */
  @Test
  void batches_upsertedThenRewritten_readBackValueForValue_whateverTheirTextsHold() {
    ResourceStateRepository repository = context.getBean(ResourceStateRepository.class);
    List<ResourceState> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(
          state(
              "k8s/prod/batch/Pod/api-" + i,
              i % 2 == 0 ? null : "component-" + i,
              i == 3 ? null : T0.plusSeconds(i)));
    }
    ResourceState separator = state("k8s/prod/batch/Pod/odd\u001ename", "c\u001fd", T0);
    ResourceState lonelyEmpty = state("k8s/prod/batch/Pod/empty", "", null);
    Map<String, Integer> partitions = new HashMap<>();
    for (ResourceState row : rows) {
      partitions.put(row.id(), row.id().length() % 4);
    }
    partitions.put(separator.id(), 1);
    partitions.put(lonelyEmpty.id(), 2);

    tx.executeWrite(
        status -> {
          repository.upsert(rows, partitions);
          repository.upsert(List.of(separator), partitions);
          repository.upsert(List.of(lonelyEmpty), partitions);
          return null;
        });
    List<ResourceState> all = new ArrayList<>(rows);
    all.add(separator);
    all.add(lonelyEmpty);
    assertThat(load(repository, all)).containsExactlyElementsOf(all);

    List<ResourceState> moved = new ArrayList<>();
    for (ResourceState row : all) {
      moved.add(
          new ResourceState(
              row.id(),
              row.type(),
              row.cluster(),
              row.namespace(),
              row.name(),
              row.component(),
              HealthState.Degraded,
              List.of(),
              Map.of(),
              row.labels(),
              T0.plusSeconds(99),
              row.lastTransitionAt() == null ? T0 : null,
              null));
    }
    boolean rewritten =
        tx.executeWrite(
            status ->
                repository.rewrite(moved.subList(0, 5), partitions)
                    && repository.rewrite(moved.subList(5, 7), partitions));
    assertThat(rewritten).isTrue();
    assertThat(load(repository, moved)).containsExactlyElementsOf(moved);
    assertThat(
            db.count(
                "select count(*) from resource_state where id like 'k8s/prod/batch/%' and"
                    + " partition = (length(id) % 4) and id like '%api-%'"))
        .isEqualTo(5L);
  }

  private List<ResourceState> load(ResourceStateRepository repository, List<ResourceState> rows) {
    Map<String, ResourceState> read =
        tx.executeRead(status -> repository.load(rows.stream().map(ResourceState::id).toList()));
    return rows.stream().map(row -> read.get(row.id())).toList();
  }

  private static ResourceState state(String id, String component, Instant nextExpiry) {
    ActiveSignal signal =
        new ActiveSignal(
            "Alert", "Heartbeat", 2, Severity.INFO, T0, T0, "quote \" and \\ and \n", nextExpiry);
    return new ResourceState(
        id,
        "k8s/Pod",
        "prod",
        null,
        id.substring(id.lastIndexOf('/') + 1),
        component,
        HealthState.Healthy,
        List.of(signal),
        Map.of(signal.key(), SignalMark.first(SignalStatus.FIRING, T0, SignalMark.hash(id))),
        Map.of(),
        T0,
        null,
        nextExpiry);
  }

  @Test
  void observationOutboxPayload_readsBack_andTheApisSqlPathsFindNamespaceAndSeverity() {
    ObservationPayload payload =
        new ObservationPayload(
            new ResourceRef(
                "k8s/prod/payments/Pod/api-2", "k8s/Pod", "prod", "payments", "api-2", Map.of()),
            new HealthObservation(
                "alertmanager:fp:firing:2026-01-08T09:00:00Z",
                "k8s/prod/payments/Pod/api-2",
                HealthState.Unhealthy,
                T0,
                List.of("CrashLoopBackOff"),
                "critical",
                "CrashLoopBackOff"),
            HealthState.Healthy,
            null);
    OutboxRepository outbox = context.getBean(OutboxRepository.class);

    tx.executeWrite(
        status -> {
          outbox.insertObservations(List.of(payload));
          return null;
        });

    Map<String, Object> row =
        db.row(
            "select kind, payload::text as payload, "
                + Outbox.namespaceSql("payload")
                + " as namespace, "
                + Outbox.severitySql("payload")
                + " as severity from outbox where aggregate_id = ?",
            payload.resource().id());
    assertThat(row.get("kind")).isEqualTo(Outbox.OBSERVATION);
    assertThat(ObservationPayload.fromJson((String) row.get("payload"))).isEqualTo(payload);
    assertThat(row.get("namespace")).isEqualTo("payments");
    assertThat(row.get("severity")).isEqualTo("critical");
  }
}
