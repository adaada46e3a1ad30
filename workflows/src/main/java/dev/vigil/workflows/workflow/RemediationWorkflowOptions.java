package dev.vigil.workflows.workflow;

import java.time.Duration;

/**
 * Worker-side knobs of {@link RemediationWorkflowImpl}, given to it by the factory the worker
 * registers ({@link RemediationWorkflowImpl#register}). They may differ between workers without
 * breaking replay: none of them changes which commands a recorded history holds, except the
 * continue-as-new threshold, which only decides at safe points.
 *
 * @param continueAsNewAfterEvents continue as new (at a safe point) once the history is longer,
 *     even before the server suggests it
 * @param actionHeartbeatTimeout heartbeat timeout of long actions (scale, restart, rollout, drain):
 *     how soon a dead worker or a cancel is noticed
 * @param throttleFloor shortest wait of a rung refused by the storm guard
 * @param throttleCeiling longest wait of a refused rung before it asks again
 * @param leaseMargin added to a rung's worst-case duration for its lease's time-to-live
 */
public record RemediationWorkflowOptions(
    long continueAsNewAfterEvents,
    Duration actionHeartbeatTimeout,
    Duration throttleFloor,
    Duration throttleCeiling,
    Duration leaseMargin) {

  public static final long DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;
  public static final Duration DEFAULT_ACTION_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_THROTTLE_FLOOR = Duration.ofSeconds(15);
  public static final Duration DEFAULT_THROTTLE_CEILING = Duration.ofMinutes(10);
  public static final Duration DEFAULT_LEASE_MARGIN = Duration.ofMinutes(5);

  public RemediationWorkflowOptions {
    if (continueAsNewAfterEvents < 1) {
      throw new IllegalArgumentException("continueAsNewAfterEvents must be positive");
    }
    if (throttleFloor.compareTo(throttleCeiling) > 0) {
      throw new IllegalArgumentException("throttleFloor must not exceed throttleCeiling");
    }
  }

  public static RemediationWorkflowOptions defaults() {
    return new RemediationWorkflowOptions(
        DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
        DEFAULT_ACTION_HEARTBEAT_TIMEOUT,
        DEFAULT_THROTTLE_FLOOR,
        DEFAULT_THROTTLE_CEILING,
        DEFAULT_LEASE_MARGIN);
  }

  public RemediationWorkflowOptions withContinueAsNewAfterEvents(long events) {
    return new RemediationWorkflowOptions(
        events, actionHeartbeatTimeout, throttleFloor, throttleCeiling, leaseMargin);
  }

  public RemediationWorkflowOptions withActionHeartbeatTimeout(Duration timeout) {
    return new RemediationWorkflowOptions(
        continueAsNewAfterEvents, timeout, throttleFloor, throttleCeiling, leaseMargin);
  }
}
