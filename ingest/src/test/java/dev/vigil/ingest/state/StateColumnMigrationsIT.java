package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.store.Schema;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import dev.vigil.store.contracts.StateColumns;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V31 turns {@code resource_state.signal_marks} from {@code jsonb} into {@code text}, V32 turns
 * {@code active_signals} into {@code json}. A row ingest wrote before (both as jsonb, which
 * PostgreSQL prints with its own key order and spaces) must come back from the owner's load with
 * the same marks and signals, so an upgrade neither forgets the recent event ids (an HA duplicate
 * would count twice), an observedAt (a late event would flip state back) nor a count. Real
 * PostgreSQL, migrated to V30 first, then on.
 */
@Timeout(120)
class StateColumnMigrationsIT {
  private static final Instant T0 = Instant.parse("2026-01-08T09:00:00.123456Z");

  @Test
  @SuppressWarnings("unchecked")
  void columnsWrittenAsJsonbAtV30_loadAsTheSameMarksAndSignalsAfterV31AndV32() {
    String name = "state-column-migrations";
    TestPostgres.Database database = TestPostgres.newDatabaseAt(name, "30");
    Db db = new Db(database.dataSource());
    Map<String, SignalMark> marks =
        Map.of(
            "Alert|CrashLoopBackOff",
            new SignalMark(
                SignalStatus.FIRING,
                T0,
                RecentIds.of(SignalMark.hash("am-1"), SignalMark.hash("am-2"))),
            "K8sEvent|BackOff \"api\" \u2013 ü",
            new SignalMark(SignalStatus.RESOLVED, T0.plusSeconds(5)));
    List<ActiveSignal> signals =
        List.of(
            new ActiveSignal(
                "Alert",
                "CrashLoopBackOff",
                2,
                Severity.CRITICAL,
                T0,
                T0.plusSeconds(30),
                "back-off \"api\"\n\u2013 ü",
                T0.plusSeconds(330)),
            new ActiveSignal("HighCPU", "", 1, Severity.WARNING, T0, T0, null, null));
    String id = "k8s/prod/payments/Pod/api-1";
    // as ingest wrote the row before V31: both columns' JSON cast to jsonb
    db.update(
        "insert into resource_state (id, type, cluster, health_state, active_signals,"
            + " signal_marks) values (?, 'k8s/Pod', 'prod', 'Unhealthy', cast(? as jsonb),"
            + " cast(? as jsonb))",
        id,
        StateColumns.writeActiveSignals(signals),
        SignalMark.writeAll(marks));
    assertThat(types(db)).isEqualTo("jsonb jsonb");

    assertThat(Schema.migrate(database.dataSource())).as("V31 and V32").isEqualTo(2);

    assertThat(types(db)).isEqualTo("json text");
    assertThat(
            db.count(
                "select count(*) from resource_state"
                    + " where signal_marks::jsonb->'Alert|CrashLoopBackOff'->>'status' = 'firing'"
                    + " and active_signals::jsonb @> '[{\"code\": \"Alert\", \"count\": 2}]'"))
        .as("still JSON, queryable through a cast")
        .isEqualTo(1);
    Map<String, Object> props =
        new HashMap<>(
            IngestTestProperties.of(name, database, IngestTestProperties.topics(name), null));
    props.put("vigil.ingest.consumer.enabled", "false");
    props.put("vigil.ingest.relay.enabled", "false");
    try (ApplicationContext context = ApplicationContext.run(props)) {
      TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
      ResourceStateRepository repository = context.getBean(ResourceStateRepository.class);
      ResourceState loaded = tx.executeRead(status -> repository.load(List.of(id)).get(id));
      assertThat(loaded.marks()).isEqualTo(marks);
      assertThat(loaded.activeSignals()).isEqualTo(signals);
      // written now, through both statements, it reads back the same way
      tx.executeWrite(
          status -> {
            repository.upsert(List.of(loaded), Map.of(id, 1));
            assertThat(repository.rewrite(List.of(loaded), Map.of(id, 1))).isTrue();
            return null;
          });
      ResourceState again = tx.executeRead(status -> repository.load(List.of(id)).get(id));
      assertThat(again.marks()).isEqualTo(marks);
      assertThat(again.activeSignals()).isEqualTo(signals);
    }
  }

  private static String types(Db db) {
    return (String)
        db.row(
                "select pg_typeof(active_signals)::text || ' ' || pg_typeof(signal_marks)::text"
                    + " as t from resource_state")
            .get("t");
  }
}
