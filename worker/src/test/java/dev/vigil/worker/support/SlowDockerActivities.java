package dev.vigil.worker.support;

import dev.vigil.activities.docker.DockerActivitiesImpl;
import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Docker action that behaves like {@code docker.scale} without a daemon, run through the real
 * {@link ActionJournal} ({@code action_execution}): it applies its effect once per idempotency key
 * (a retry finds it applied and converges, as a scale to N stays N), then waits for "readiness" for
 * {@code params.durationMillis} ({@code params.retryDurationMillis} on later attempts) while
 * heartbeating ({@code params.fail=true}: fails non-retryably instead). On a worker the test
 * declared crashed ({@link ActivityLog#crash}) it stops heartbeating and, once interrupted, ends
 * with an {@link Error} that skips the journal, as a dead process writes nothing more.
 */
@Singleton
@Requires(property = "test.activities.docker", value = "slow")
@Replaces(DockerActivitiesImpl.class)
public class SlowDockerActivities implements DockerActivities {
  static final Duration HEARTBEAT_EVERY = Duration.ofMillis(50);

  private final String worker;
  private final ActionJournal journal;

  public SlowDockerActivities(
      @Value("${test.worker-name:worker}") String worker, ActionJournal journal) {
    this.worker = worker;
    this.journal = journal;
  }

  @Override
  public ActionResult scaleService(ActionRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityLog.Run run =
        new ActivityLog.Run(
            worker, request.context().idempotencyKey(), context.getInfo().getAttempt());
    ActivityLog.started(run);
    return journal.execute(
        request,
        new ActionStep() {
          @Override
          public String plan() {
            return "would scale " + request.resource().id();
          }

          @Override
          public ActionResult perform() {
            return scale(request, run, context);
          }
        });
  }

  @Override
  public ActionResult restartContainer(ActionRequest request) {
    return scaleService(request);
  }

  private ActionResult scale(
      ActionRequest request, ActivityLog.Run run, ActivityExecutionContext context) {
    if (Boolean.parseBoolean(request.param("fail", "false"))) {
      throw ApplicationFailure.newNonRetryableFailure("asked to fail", "TestFailure");
    }
    boolean applied = ActivityLog.applyEffect(run.key(), worker);
    long until = System.nanoTime() + Duration.ofMillis(durationMillis(request, run)).toNanos();
    try {
      while (System.nanoTime() < until) {
        if (ActivityLog.crashed(worker)) {
          Thread.sleep(Duration.ofDays(1));
        }
        context.heartbeat(null);
        Thread.sleep(HEARTBEAT_EVERY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ActivityLog.interrupted(run);
      if (ActivityLog.crashed(worker)) {
        throw new ProcessDied(worker);
      }
      throw Activity.wrap(e);
    } catch (ActivityWorkerShutdownException e) {
      ActivityLog.interrupted(run);
      throw e;
    }
    ActivityLog.completed(run);
    return new ActionResult(
        request.action(),
        applied ? ActionResult.Outcome.SUCCEEDED : ActionResult.Outcome.UNCHANGED,
        (applied ? "scaled " : "already scaled ") + request.resource().id() + " on " + worker,
        List.of(worker),
        Map.of("worker", worker));
  }

  private static long durationMillis(ActionRequest request, ActivityLog.Run run) {
    return Long.parseLong(
        run.attempt() == 1
            ? request.param("durationMillis", "0")
            : request.param("retryDurationMillis", "0"));
  }

  /** What a crashed worker's activity ends with: nothing after it is written anywhere. */
  static final class ProcessDied extends Error {
    private static final long serialVersionUID = 1L;

    ProcessDied(String worker) {
      super("worker " + worker + " is dead");
    }
  }
}
