package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.TestPostgres;
import dev.vigil.worker.support.ActivityLog;
import dev.vigil.worker.support.Probes;
import dev.vigil.worker.support.SharedTemporal;
import dev.vigil.worker.support.WorkerContexts;
import dev.vigil.workflows.activity.ActionResult;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a worker context (what SIGTERM does) while an activity runs: polling stops, the activity
 * finishes within {@code vigil.worker.shutdown-grace} and Temporal records its result; an activity
 * longer than the grace is interrupted and retried by the next worker, its effect not doubled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {
  static final String TASK_QUEUE = "graceful-shutdown-it";

  private TestPostgres.Database db;

  @BeforeAll
  void database() {
    db = TestPostgres.newDatabase("graceful_shutdown");
  }

  @BeforeEach
  void resetLog() {
    ActivityLog.reset();
  }

  @Test
  void inFlightActivity_finishesWithinTheGrace_beforeTheWorkerCloses() throws Exception {
    ApplicationContext leaving = worker("leaving", "10s");
    WorkflowStub probe =
        WorkflowStub.fromTyped(
            Probes.start(TASK_QUEUE, "graceful-finish", Map.of("durationMillis", "1500")));
    awaitStartedOn("leaving");

    long started = System.nanoTime();
    leaving.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - started);

    assertThat(ActivityLog.completed())
        .extracting(ActivityLog.Run::worker)
        .containsExactly("leaving");
    assertThat(ActivityLog.interrupted()).isEmpty();
    assertThat(closing).isLessThan(Duration.ofSeconds(10));
    assertThat(eventTypes("graceful-finish"))
        .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .doesNotContain(
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);

    try (ApplicationContext successor = worker("successor", "10s")) {
      ActionResult result = probe.getResult(30, TimeUnit.SECONDS, ActionResult.class);
      assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
      assertThat(result.details()).containsEntry("worker", "leaving");
    }
    assertThat(ActivityLog.started()).hasSize(1);
  }

  @Test
  void activityLongerThanTheGrace_isInterrupted_andCompletesOnTheNextWorker_withoutDoublingIt()
      throws Exception {
    ApplicationContext leaving = worker("leaving", "500ms");
    WorkflowStub probe =
        WorkflowStub.fromTyped(
            Probes.start(
                TASK_QUEUE,
                "graceful-interrupt",
                Map.of("durationMillis", "60000", "retryDurationMillis", "200")));
    awaitStartedOn("leaving");

    long started = System.nanoTime();
    leaving.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - started);

    assertThat(closing).isLessThan(Duration.ofSeconds(10));
    assertThat(ActivityLog.interrupted())
        .extracting(ActivityLog.Run::worker)
        .containsExactly("leaving");
    try (ApplicationContext successor = worker("successor", "10s")) {
      ActionResult result = probe.getResult(30, TimeUnit.SECONDS, ActionResult.class);
      assertThat(result.details()).containsEntry("worker", "successor");
      assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.UNCHANGED);
    }
    assertThat(ActivityLog.effects()).hasSize(1).containsValue("leaving");
    assertThat(ActivityLog.completed())
        .extracting(ActivityLog.Run::worker, ActivityLog.Run::attempt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("successor", 2));
  }

  private ApplicationContext worker(String name, String grace) {
    Map<String, Object> props = WorkerContexts.properties(TASK_QUEUE, db, name);
    props.put("vigil.worker.shutdown-grace", grace);
    return ApplicationContext.run(props);
  }

  private static void awaitStartedOn(String worker) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ActivityLog.started().stream().anyMatch(r -> r.worker().equals(worker)));
  }

  private static List<EventType> eventTypes(String workflowId) {
    return SharedTemporal.client().fetchHistory(workflowId).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }
}
