package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.store.Schema;
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
 * V31 turns {@code resource_state.signal_marks} from {@code jsonb} into {@code text}. A row that
 * ingest wrote before (marks as jsonb, which PostgreSQL prints with its own key order and spaces)
 * must come back from the owner's load with the same marks, so an upgrade neither forgets the
 * recent event ids (an HA duplicate would count twice) nor an observedAt (a late event would flip
 * state back). Real PostgreSQL, migrated to V30 first, then on.
 */
@Timeout(120)
class SignalMarksMigrationIT {
  private static final Instant T0 = Instant.parse("2026-01-08T09:00:00.123456Z");

  @Test
  @SuppressWarnings("unchecked")
  void marksWrittenAsJsonbBeforeV31_loadAsTheSameMarksAfterIt() {
    String name = "marks-migration";
    TestPostgres.Database database = TestPostgres.newDatabaseAt(name, "30");
    Db db = new Db(database.dataSource());
    Map<String, SignalMark> marks =
        Map.of(
            "Alert|CrashLoopBackOff",
            new SignalMark(
                SignalStatus.FIRING, T0, List.of(SignalMark.hash("am-1"), SignalMark.hash("am-2"))),
            "K8sEvent|BackOff \"api\" \u2013 ü",
            new SignalMark(SignalStatus.RESOLVED, T0.plusSeconds(5)));
    String id = "k8s/prod/payments/Pod/api-1";
    // as ingest wrote the row before V31: the marks' JSON cast to jsonb
    db.update(
        "insert into resource_state (id, type, cluster, health_state, signal_marks)"
            + " values (?, 'k8s/Pod', 'prod', 'Unhealthy', cast(? as jsonb))",
        id,
        SignalMark.writeAll(marks));
    assertThat(db.row("select pg_typeof(signal_marks)::text as t from resource_state").get("t"))
        .isEqualTo("jsonb");

    assertThat(Schema.migrate(database.dataSource())).as("V31 and nothing else").isEqualTo(1);

    assertThat(db.row("select pg_typeof(signal_marks)::text as t from resource_state").get("t"))
        .isEqualTo("text");
    assertThat(
            db.row(
                    "select signal_marks::jsonb->'Alert|CrashLoopBackOff'->>'status' as s"
                        + " from resource_state")
                .get("s"))
        .as("still JSON, queryable through a cast")
        .isEqualTo("firing");
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
      // and a row written now reads back the same way
      tx.executeWrite(
          status -> {
            repository.upsert(List.of(loaded), Map.of(id, 1));
            return null;
          });
      assertThat(tx.executeRead(status -> repository.load(List.of(id)).get(id)).marks())
          .isEqualTo(marks);
    }
  }
}
