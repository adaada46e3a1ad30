package dev.vigil.workflows.activity;

import dev.vigil.workflows.workflow.OperatorActionStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The record of operator actions in PostgreSQL ({@code operator_action}). */
@ActivityInterface
public interface OperatorActionActivities {

  /**
   * Writes the action's status; a row already at a higher {@code seq} is left as it is, so a retry
   * or a late write never moves it back.
   */
  @ActivityMethod
  void recordActionStatus(OperatorActionStatus status);
}
