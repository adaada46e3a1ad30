package dev.vigil.workflows.workflow;

import java.util.List;

/**
 * What a remediation carries into its next run when it continues as new. Continue-as-new happens
 * only at points where no action is in flight and no compensation is pending, so the saga does not
 * need to travel.
 *
 * @param incidentId the incident (stays the same)
 * @param attempts rungs run so far
 * @param nextRung 0-based index of the next rung to run
 * @param phase the phase to resume in
 * @param timelineSeq next timeline sequence number
 * @param lastObservation last applied observation (orders the next ones)
 * @param recentEventIds event ids already applied (bounded), so duplicates stay ignored
 * @param lastActions the most recent actions for {@code status()}
 * @param pageOpen whether a page is open and must be resolved when the repair ends
 * @param pageDedupKey the open page's dedup key
 */
public record CarriedState(
    String incidentId,
    int attempts,
    int nextRung,
    Phase phase,
    long timelineSeq,
    HealthObservation lastObservation,
    List<String> recentEventIds,
    List<ActionRecord> lastActions,
    boolean pageOpen,
    String pageDedupKey) {

  public CarriedState {
    recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
    lastActions = lastActions == null ? List.of() : List.copyOf(lastActions);
  }
}
