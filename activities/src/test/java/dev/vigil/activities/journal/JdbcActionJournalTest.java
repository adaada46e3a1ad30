package dev.vigil.activities.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.activities.PostgresContext;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The journal against a real PostgreSQL (testkit's embedded server). */
@Timeout(60)
class JdbcActionJournalTest {
  private static TestPostgres.Database db;
  private static ApplicationContext ctx;
  private static ActionJournal journal;
  private static MeterRegistry meters;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("journal");
    ctx = PostgresContext.start(db, Map.of());
    journal = ctx.getBean(ActionJournal.class);
    meters = ctx.getBean(MeterRegistry.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @Test
  void dryRun_recordsWouldDoWithThePlan_andNeverPerforms() throws Exception {
    ActionRequest request = request("dry", true);
    AtomicInteger performed = new AtomicInteger();

    ActionResult result = journal.execute(request, step("would scale app from 1 to 2", performed));

    assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.WOULD_DO);
    assertThat(result.summary()).isEqualTo("would scale app from 1 to 2");
    assertThat(performed).hasValue(0);
    assertThat(row(request)).containsEntry("outcome", "WOULD_DO").containsEntry("dry_run", "t");
  }

  @Test
  void succeededKey_isNotPerformedAgain_theRetryGetsTheRecordedResult() throws Exception {
    ActionRequest request = request("done", false);
    AtomicInteger performed = new AtomicInteger();
    double before = rungs("docker.scale", "already_done");

    ActionResult first = journal.execute(request, step("plan", performed));
    ActionResult retry = journal.execute(request, step("plan", performed));

    assertThat(performed).hasValue(1);
    assertThat(first.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
    assertThat(retry.outcome()).isEqualTo(ActionResult.Outcome.ALREADY_DONE);
    assertThat(retry.summary()).isEqualTo(first.summary());
    assertThat(retry.affected()).containsExactly("app-1", "app-2");
    assertThat(retry.details()).containsEntry("previous", "1").containsEntry("desired", "2");
    assertThat(row(request))
        .containsEntry("outcome", "SUCCEEDED")
        .containsEntry("tries", "1")
        .containsEntry("params", "{\"replicas\": \"2\"}")
        .containsEntry("kind", "ACTION")
        .containsEntry("resource_id", "docker/service/app");
    assertThat(rungs("docker.scale", "already_done")).isEqualTo(before + 1);
  }

  @Test
  void failure_isRecordedAndRethrown_andTheRetryPerformsAgain() throws Exception {
    ActionRequest request = request("fails", false);
    ActionStep failing =
        new ActionStep() {
          @Override
          public String plan() {
            return "plan";
          }

          @Override
          public ActionResult perform() {
            throw ApplicationFailure.newNonRetryableFailure(
                "replica app-2 never ready", ActionErrors.NOT_READY);
          }
        };
    double failedBefore = rungs("docker.scale", "failed");

    assertThatThrownBy(() -> journal.execute(request, failing))
        .isInstanceOf(ApplicationFailure.class);
    assertThat(row(request))
        .containsEntry("outcome", "FAILED")
        .containsEntry("error_type", ActionErrors.NOT_READY)
        .containsEntry("error", "replica app-2 never ready");
    assertThat(rungs("docker.scale", "failed")).isEqualTo(failedBefore + 1);

    AtomicInteger performed = new AtomicInteger();
    ActionResult retried = journal.execute(request, step("plan", performed));

    assertThat(performed).hasValue(1);
    assertThat(retried.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
    assertThat(row(request))
        .containsEntry("outcome", "SUCCEEDED")
        .containsEntry("tries", "2")
        .containsEntry("error", null);
  }

  private static ActionRequest request(String incident, boolean dryRun) {
    ActionContext context =
        new ActionContext(
            "remediation:docker/service/app",
            incident + "-" + System.nanoTime(),
            "docker/service/app",
            1,
            1,
            ActionContext.Kind.ACTION,
            dryRun);
    return new ActionRequest(
        context,
        new ResourceRef("docker/service/app", "docker/service", "default", null, "app", Map.of()),
        "docker.scale",
        "self",
        Map.of("replicas", "2"));
  }

  private static ActionStep step(String plan, AtomicInteger performed) {
    return new ActionStep() {
      @Override
      public String plan() {
        return plan;
      }

      @Override
      public ActionResult perform() {
        performed.incrementAndGet();
        return new ActionResult(
            "docker.scale",
            ActionResult.Outcome.SUCCEEDED,
            "scaled docker service app 1 -> 2 (2 ready)",
            List.of("app-1", "app-2"),
            Map.of("previous", "1", "desired", "2"));
      }
    };
  }

  private static double rungs(String action, String outcome) {
    var counter =
        meters.find("vigil.rungs").tag("action", action).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static Map<String, String> row(ActionRequest request) throws Exception {
    DataSource ds = db.dataSource();
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select outcome, dry_run, tries, params::text, kind, resource_id, error_type, error"
                    + " from action_execution where idempotency_key = ?")) {
      s.setString(1, request.context().idempotencyKey());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("journal row").isTrue();
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
        }
        return row;
      }
    }
  }
}
