package dev.vigil.worker.support;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
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
 * A Docker action that behaves like {@code docker.scale} without a daemon: it applies its effect
 * once per idempotency key (a retry finds it applied and converges), then waits for "readiness" for
 * {@code params.durationMillis} ({@code params.retryDurationMillis} on later attempts) while
 * heartbeating ({@code params.fail=true}: fails non-retryably instead). Everything it does goes to
 * {@link ActivityLog}.
 */
@Singleton
@Requires(property = "test.activities.docker", value = "slow")
public class SlowDockerActivities implements DockerActivities {
  static final Duration HEARTBEAT_EVERY = Duration.ofMillis(50);

  private final String worker;

  public SlowDockerActivities(@Value("${test.worker-name:worker}") String worker) {
    this.worker = worker;
  }

  @Override
  public ActionResult scaleService(ActionRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String key = request.context().idempotencyKey();
    ActivityLog.Run run = new ActivityLog.Run(worker, key, context.getInfo().getAttempt());
    ActivityLog.started(run);
    if (Boolean.parseBoolean(request.param("fail", "false"))) {
      throw ApplicationFailure.newNonRetryableFailure("asked to fail", "TestFailure");
    }
    boolean applied = ActivityLog.applyEffect(key, worker);
    long until = System.nanoTime() + Duration.ofMillis(durationMillis(request, run)).toNanos();
    try {
      while (System.nanoTime() < until) {
        context.heartbeat(null);
        Thread.sleep(HEARTBEAT_EVERY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ActivityLog.interrupted(run);
      throw Activity.wrap(e);
    } catch (ActivityWorkerShutdownException e) {
      ActivityLog.interrupted(run);
      throw e;
    }
    ActivityLog.completed(run);
    return new ActionResult(
        request.action(),
        applied ? ActionResult.Outcome.SUCCEEDED : ActionResult.Outcome.UNCHANGED,
        "scaled " + request.resource().id() + " on " + worker,
        List.of(worker),
        Map.of("worker", worker));
  }

  @Override
  public ActionResult restartContainer(ActionRequest request) {
    return scaleService(request);
  }

  private static long durationMillis(ActionRequest request, ActivityLog.Run run) {
    return Long.parseLong(
        run.attempt() == 1
            ? request.param("durationMillis", "0")
            : request.param("retryDurationMillis", "0"));
  }
}
