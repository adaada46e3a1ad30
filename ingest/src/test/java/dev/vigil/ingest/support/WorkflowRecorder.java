package dev.vigil.ingest.support;

import dev.vigil.workflows.workflow.HealthObservation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@link ObservationRecordingWorkflow} saw, per workflow id, across server restarts. */
public final class WorkflowRecorder {
  private static final Map<String, List<String>> STARTS = new ConcurrentHashMap<>();
  private static final Map<String, List<HealthObservation>> OBSERVATIONS =
      new ConcurrentHashMap<>();

  private WorkflowRecorder() {}

  static void started(String workflowId, String policy) {
    STARTS.computeIfAbsent(workflowId, k -> new CopyOnWriteArrayList<>()).add(policy);
  }

  static void observed(String workflowId, HealthObservation observation) {
    OBSERVATIONS.computeIfAbsent(workflowId, k -> new CopyOnWriteArrayList<>()).add(observation);
  }

  /** How many runs started for this workflow id. */
  public static int starts(String workflowId) {
    return STARTS.getOrDefault(workflowId, List.of()).size();
  }

  /** The policies the runs started with. */
  public static List<String> startPolicies(String workflowId) {
    return List.copyOf(STARTS.getOrDefault(workflowId, List.of()));
  }

  public static List<HealthObservation> observations(String workflowId) {
    return List.copyOf(OBSERVATIONS.getOrDefault(workflowId, List.of()));
  }

  public static long clearObservations(String workflowId) {
    return observations(workflowId).stream().filter(HealthObservation::isClear).count();
  }
}
