package dev.vigil.worker;

import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Worker-side knobs of RemediationWorkflowImpl ({@code vigil.worker.remediation.*}); the defaults
 * are {@link RemediationWorkflowOptions#defaults()}. Workers may differ in them without breaking
 * replay.
 *
 * @param continueAsNewAfterEvents continue as new (at a safe point) once the history is longer
 * @param actionHeartbeatTimeout heartbeat timeout of long actions: how soon a dead worker is
 *     noticed and the action retried on another one
 * @param throttleFloor shortest wait of a rung the storm guard refused
 * @param throttleCeiling longest wait of a refused rung before it asks again
 * @param leaseMargin added to a rung's worst-case duration for its lease's time-to-live
 */
@ConfigurationProperties("vigil.worker.remediation")
public record RemediationWorkflowConfig(
    @Bindable(defaultValue = "8000") long continueAsNewAfterEvents,
    @Bindable(defaultValue = "30s") Duration actionHeartbeatTimeout,
    @Bindable(defaultValue = "15s") Duration throttleFloor,
    @Bindable(defaultValue = "10m") Duration throttleCeiling,
    @Bindable(defaultValue = "5m") Duration leaseMargin) {

  public RemediationWorkflowOptions toOptions() {
    return new RemediationWorkflowOptions(
        continueAsNewAfterEvents,
        actionHeartbeatTimeout,
        throttleFloor,
        throttleCeiling,
        leaseMargin);
  }
}
