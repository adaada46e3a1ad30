package dev.vigil.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** State records in PostgreSQL: incidents, their timeline and the resource's mitigation status. */
@ActivityInterface
public interface IncidentActivities {

  /** Opens (or returns) the incident; writes the {@code incident.detected} outbox row. */
  @ActivityMethod
  void openIncident(OpenIncidentRequest request);

  /** Records a phase transition (see {@link PhaseChange}). Idempotent on (incident, seq). */
  @ActivityMethod
  void recordPhase(PhaseChange change);

  /** Appends a timeline row. Idempotent on (incident, seq). */
  @ActivityMethod
  void recordTimeline(TimelineEntry entry);
}
