package dev.vigil.activities.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.PostgresContext;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.activity.OperatorActionActivities;
import dev.vigil.workflows.workflow.OperatorActionState;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The operator action record against a real PostgreSQL: newer statuses win, older never do. */
@Timeout(60)
class OperatorActionActivitiesImplTest {
  private static TestPostgres.Database db;
  private static ApplicationContext ctx;
  private static OperatorActionActivities records;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("operator_action");
    ctx = PostgresContext.start(db, Map.of());
    records = ctx.getBean(OperatorActionActivities.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  static OperatorActionStatus status(String id, OperatorActionState state, long seq) {
    Instant at = Instant.parse("2026-01-08T10:00:00Z");
    return new OperatorActionStatus(
        id,
        "action:docker/service/app:" + id,
        "docker/service/app",
        "docker.scale",
        "self",
        Map.of("replicas", "2"),
        false,
        false,
        "cluster=local",
        state,
        seq,
        state + " #" + seq,
        "alice",
        at,
        at.plusSeconds(seq),
        null,
        state == OperatorActionState.SUCCEEDED ? "SUCCEEDED" : null,
        state == OperatorActionState.SUCCEEDED ? List.of("c1", "c2") : List.of(),
        Map.of("from", "1"),
        null);
  }

  @Test
  void newerStatusReplacesTheRow_aLateOlderOneDoesNot() throws Exception {
    records.recordActionStatus(status("a-1", OperatorActionState.THROTTLED, 1));
    records.recordActionStatus(status("a-1", OperatorActionState.SUCCEEDED, 3));
    records.recordActionStatus(status("a-1", OperatorActionState.RUNNING, 2));

    Map<String, String> row = row("a-1");
    assertThat(row)
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("seq", "3")
        .containsEntry("outcome", "SUCCEEDED")
        .containsEntry("affected", "[\"c1\", \"c2\"]")
        .containsEntry("params", "{\"replicas\": \"2\"}")
        .containsEntry("requested_by", "alice");
  }

  @Test
  void theSameStatusTwice_writesOnce() throws Exception {
    records.recordActionStatus(status("a-2", OperatorActionState.RUNNING, 1));
    records.recordActionStatus(status("a-2", OperatorActionState.RUNNING, 1));

    assertThat(row("a-2")).containsEntry("state", "RUNNING").containsEntry("seq", "1");
  }

  private static Map<String, String> row(String id) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select state, seq::text, outcome, affected::text, params::text, requested_by"
                    + " from operator_action where id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return Map.of(
            "state", rs.getString(1),
            "seq", rs.getString(2),
            "outcome", String.valueOf(rs.getString(3)),
            "affected", rs.getString(4),
            "params", rs.getString(5),
            "requested_by", rs.getString(6));
      }
    }
  }
}
