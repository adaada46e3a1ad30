package dev.vigil.workflows.history;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/**
 * What a recorded history costs: its length, and an estimate of Temporal Cloud billable actions
 * counted from its events (start, signals, activity attempts, timers, upserts, continue-as-new;
 * local activities count once per workflow task that ran any, as Temporal Cloud bills them).
 */
public record HistoryCost(
    int events,
    int signals,
    int activities,
    int activityAttempts,
    int localActivities,
    int workflowTasksWithLocalActivities,
    int timers,
    int upserts) {

  public static HistoryCost of(WorkflowExecutionHistory history) {
    List<HistoryEvent> events = history.getEvents();
    int signals = 0;
    int activities = 0;
    int attempts = 0;
    int markers = 0;
    int markerTasks = 0;
    int timers = 0;
    int upserts = 0;
    boolean markerInThisTask = false;
    for (HistoryEvent event : events) {
      EventType type = event.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signals++;
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> activities++;
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            attempts += event.getActivityTaskStartedEventAttributes().getAttempt();
        case EVENT_TYPE_TIMER_STARTED -> timers++;
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> upserts++;
        case EVENT_TYPE_MARKER_RECORDED -> {
          if ("LocalActivity".equals(event.getMarkerRecordedEventAttributes().getMarkerName())) {
            markers++;
            if (!markerInThisTask) {
              markerTasks++;
              markerInThisTask = true;
            }
          }
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> markerInThisTask = false;
        default -> {}
      }
    }
    return new HistoryCost(
        events.size(), signals, activities, attempts, markers, markerTasks, timers, upserts);
  }

  /** Workflow start + signals + activity attempts + local-activity tasks + timers + upserts. */
  public int billableActions() {
    return 1 + signals + activityAttempts + workflowTasksWithLocalActivities + timers + upserts;
  }
}
