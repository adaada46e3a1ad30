package dev.vigil.activities.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.store.contracts.Incident;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.IncidentStatus;
import dev.vigil.workflows.activity.OpenIncidentRequest;
import dev.vigil.workflows.activity.PhaseChange;
import dev.vigil.workflows.activity.TimelineEntry;
import dev.vigil.workflows.workflow.Phase;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Incident records in PostgreSQL, each call one transaction: the incident row, its timeline, the
 * resource's {@code mitigationStatus}, and (when the incident's status changes) the {@code
 * incident} outbox row carrying the CloudEvent for {@code vigil.incidents}. Every call is
 * idempotent: opening is keyed on the incident id, phase changes and timeline rows on (incident,
 * seq), so a retried or replayed activity writes nothing twice and never emits an event twice.
 */
@Singleton
public class IncidentActivitiesImpl implements IncidentActivities {
  static final String PHASE_KIND = "phase";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IncidentRepository incidents;
  private final IncidentEvents events;
  private final TransactionOperations<Connection> transactions;

  public IncidentActivitiesImpl(
      IncidentRepository incidents,
      IncidentEvents events,
      TransactionOperations<Connection> transactions) {
    this.incidents = incidents;
    this.events = events;
    this.transactions = transactions;
  }

  @Override
  public void openIncident(OpenIncidentRequest request) {
    transactions.executeWrite(
        status -> {
          String phase = Phase.UNHEALTHY.name();
          int inserted =
              incidents.insertIfAbsent(
                  request.incidentId(),
                  request.resource().id(),
                  request.resource().type(),
                  request.resource().cluster(),
                  request.workflowId(),
                  request.policy(),
                  request.severity(),
                  request.summary(),
                  phase,
                  request.dryRun(),
                  request.at());
          if (inserted == 0) {
            return null;
          }
          incidents.updateMitigation(
              request.resource().id(), phase, 0, null, request.workflowId(), request.incidentId());
          Incident incident = incidents.lock(request.incidentId()).orElseThrow();
          incidents.insertOutbox(
              incident.id(),
              IncidentEvents.DETECTED,
              events.cloudEvent(
                  IncidentEvents.DETECTED,
                  incident.id() + "/detected",
                  incident,
                  IncidentStatus.OPEN,
                  phase,
                  0,
                  incident.summary(),
                  "vigil",
                  request.at()));
          return null;
        });
  }

  @Override
  public void recordPhase(PhaseChange change) {
    transactions.executeWrite(
        status -> {
          Incident incident =
              incidents
                  .lock(change.incidentId())
                  .orElseThrow(() -> noIncident(change.incidentId()));
          IncidentStatus current = IncidentStatus.fromWire(incident.status());
          IncidentStatus next = change.status() == null ? current : change.status();
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("attempts", change.attempts());
          details.put("rung", change.rung());
          details.put("lastAction", change.lastAction());
          details.put("status", next.wire());
          int inserted =
              incidents.insertEvent(
                  change.incidentId(),
                  change.seq(),
                  change.at(),
                  PHASE_KIND,
                  change.phase().name(),
                  change.message(),
                  change.actor(),
                  json(details));
          if (inserted == 0) {
            return null; // this change was recorded by an earlier try
          }
          incidents.updateMitigation(
              change.resourceId(),
              change.phase().name(),
              change.attempts(),
              change.lastAction(),
              change.workflowId(),
              change.incidentId());
          boolean changed = next != current;
          Instant closedAt = next.isClosed() ? (changed ? change.at() : incident.closedAt()) : null;
          String resolvedBy =
              next.isClosed() ? (changed ? change.actor() : incident.resolvedBy()) : null;
          incidents.updateProgress(
              incident.id(),
              change.phase().name(),
              change.attempts(),
              next.wire(),
              change.at(),
              closedAt,
              resolvedBy);
          if (changed) {
            Optional<String> type = IncidentEvents.typeOf(next);
            type.ifPresent(
                t ->
                    incidents.insertOutbox(
                        incident.id(),
                        t,
                        events.cloudEvent(
                            t,
                            incident.id() + "/" + change.seq(),
                            incident,
                            next,
                            change.phase().name(),
                            change.attempts(),
                            t.equals(IncidentEvents.DETECTED)
                                ? incident.summary()
                                : change.message(),
                            change.actor(),
                            change.at())));
          }
          return null;
        });
  }

  @Override
  public void recordTimeline(TimelineEntry entry) {
    transactions.executeWrite(
        status -> {
          int inserted =
              incidents.insertEvent(
                  entry.incidentId(),
                  entry.seq(),
                  entry.at(),
                  entry.kind(),
                  null,
                  entry.message(),
                  entry.actor(),
                  json(entry.details()));
          if (inserted == 0 && incidents.countById(entry.incidentId()) == 0) {
            throw noIncident(entry.incidentId());
          }
          return null;
        });
  }

  private static ApplicationFailure noIncident(String incidentId) {
    return ApplicationFailure.newNonRetryableFailure(
        "no incident " + incidentId + " (openIncident must run first)",
        ActionErrors.TARGET_NOT_FOUND);
  }

  private static String json(Map<String, ?> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable to JSON: " + value, e);
    }
  }
}
