package dev.vigil.activities.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.workflows.activity.OperatorActionActivities;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import jakarta.inject.Singleton;

/**
 * The record of operator actions in PostgreSQL: one {@code operator_action} row per request,
 * replaced at every change of the workflow's state unless it already holds a newer one.
 */
@Singleton
public class OperatorActionActivitiesImpl implements OperatorActionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperatorActionRepository actions;

  public OperatorActionActivitiesImpl(OperatorActionRepository actions) {
    this.actions = actions;
  }

  @Override
  public void recordActionStatus(OperatorActionStatus s) {
    actions.record(
        s.actionId(),
        s.workflowId(),
        s.resourceId(),
        s.action(),
        s.target(),
        json(s.params()),
        s.dryRun(),
        s.requireApproval(),
        s.scope(),
        s.state().name(),
        s.seq(),
        s.message(),
        s.requestedBy(),
        s.requestedAt(),
        s.updatedAt(),
        s.decidedBy(),
        s.outcome(),
        json(s.affected()),
        json(s.details()),
        s.errorType());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable to JSON: " + value, e);
    }
  }
}
