package dev.vigil.api.incident;

import dev.vigil.api.ApiConfig;
import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.api.mitigation.LiveRemediations;
import dev.vigil.api.mitigation.TemporalUnavailableException;
import dev.vigil.api.paging.Cursor;
import dev.vigil.api.paging.Page;
import dev.vigil.store.contracts.Incident;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.workflow.PendingApproval;
import dev.vigil.workflows.workflow.RemediationStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Incidents for the API: lists from PostgreSQL, details with the live remediation when it runs. */
@Singleton
public class IncidentService {
  private final IncidentQueries repository;
  private final LiveRemediations live;
  private final ApiConfig config;
  private final AuditedReads reads;

  public IncidentService(
      IncidentQueries repository, LiveRemediations live, ApiConfig config, AuditedReads reads) {
    this.repository = repository;
    this.live = live;
    this.config = config;
    this.reads = reads;
  }

  /** A page of the incidents {@code caller} sees (audited as {@code incident.list}). */
  public Page<Incident> list(
      Caller caller, IncidentFilter filter, @Nullable Integer limit, @Nullable String cursor) {
    return reads.run(
        caller, "incident.list", "incidents", filter, () -> page(caller, filter, limit, cursor));
  }

  private Page<Incident> page(
      Caller caller, IncidentFilter filter, @Nullable Integer limit, @Nullable String cursor) {
    int size = config.limit(limit);
    IncidentQueries.After after = null;
    if (cursor != null && !cursor.isBlank()) {
      List<String> parts = Cursor.decode(cursor, 2);
      try {
        after = new IncidentQueries.After(Instant.parse(parts.get(0)), parts.get(1));
      } catch (DateTimeParseException e) {
        throw new ProblemException(
            Problems.badRequest("cursor is not one this API issued", "cursor"));
      }
    }
    List<Incident> rows = repository.list(caller.visibility(), filter, after, size + 1);
    return Page.of(rows, size, i -> Cursor.encode(i.openedAt().toString(), i.id()));
  }

  /**
   * An incident with its timeline, actions and live phase; 404 when it does not exist or {@code
   * caller} does not see its resource (audited as {@code incident.get}).
   */
  public IncidentDetail detail(Caller caller, String id) {
    return reads.run(caller, "incident.get", id, null, () -> read(caller, id));
  }

  private IncidentDetail read(Caller caller, String id) {
    Incident incident =
        repository
            .find(caller.visibility(), id)
            .orElseThrow(() -> new ProblemException(Problems.notFound("no incident " + id)));
    Optional<RemediationStatus> status = liveStatusOf(incident);
    return new IncidentDetail(
        incident,
        repository.timeline(id),
        repository.actions(id),
        status.map(s -> s.phase() == null ? null : s.phase().name()).orElse(null),
        status.map(RemediationStatus::pendingApproval).map(IncidentService::approval).orElse(null));
  }

  /** The status of the incident's remediation, when it runs and is still this incident's. */
  private Optional<RemediationStatus> liveStatusOf(Incident incident) {
    try {
      return live.status(incident.resourceId()).filter(s -> incident.id().equals(s.incidentId()));
    } catch (TemporalUnavailableException e) {
      return Optional.empty();
    }
  }

  static ApprovalRequest approval(PendingApproval p) {
    return new ApprovalRequest(p.step(), p.action(), p.requestedAt(), p.expiresAt());
  }
}
