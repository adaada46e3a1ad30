package dev.vigil.activities.incident;

import dev.vigil.store.contracts.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the incident records: {@code incident}, its timeline {@code incident_event}, the {@code
 * outbox} rows for {@code vigil.incidents}, and the mitigation columns of {@code resource_state}.
 * Callers run these inside one transaction per activity call.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IncidentRepository extends GenericRepository<IncidentRow, String> {

  /** Returns 1 when the incident is new, 0 when it already exists (primary key). */
  @Query(
      """
      INSERT INTO incident (id, resource_id, resource_type, cluster, workflow_id, policy, status,
          severity, summary, phase, attempts, dry_run, opened_at, updated_at)
      VALUES (:id, :resourceId, :resourceType, :cluster, :workflowId, :policy, 'open', :severity,
          :summary, :phase, 0, :dryRun, :at, :at)
      ON CONFLICT (id) DO NOTHING
      """)
  int insertIfAbsent(
      String id,
      String resourceId,
      String resourceType,
      String cluster,
      String workflowId,
      String policy,
      @Nullable String severity,
      String summary,
      String phase,
      boolean dryRun,
      Instant at);

  /** Locks the incident row for the rest of the transaction. */
  @Query(
      """
      SELECT id, resource_id, resource_type, cluster, workflow_id, policy, status, severity,
             summary, phase, attempts, dry_run, closed_at, resolved_by
        FROM incident WHERE id = :id FOR UPDATE
      """)
  Optional<IncidentRow> lock(String id);

  @Query(
      """
      UPDATE incident
         SET phase = :phase, attempts = :attempts, status = :status, updated_at = :at,
             closed_at = :closedAt, resolved_by = :resolvedBy
       WHERE id = :id
      """)
  void updateProgress(
      String id,
      String phase,
      int attempts,
      String status,
      Instant at,
      @Nullable Instant closedAt,
      @Nullable String resolvedBy);

  /**
   * Appends a timeline row; the unique (incident_id, seq) makes a retried call a no-op (returns 0).
   * The row's phase is the incident's current one unless given.
   */
  @Query(
      """
      INSERT INTO incident_event (incident_id, seq, at, kind, phase, message, actor, details)
      SELECT i.id, :seq, :at, :kind, COALESCE(:phase, i.phase), :message, :actor,
             CAST(:details AS jsonb)
        FROM incident i WHERE i.id = :incidentId
      ON CONFLICT (incident_id, seq) DO NOTHING
      """)
  int insertEvent(
      String incidentId,
      long seq,
      Instant at,
      String kind,
      @Nullable String phase,
      String message,
      String actor,
      String details);

  @Query("SELECT count(*) FROM incident WHERE id = :id")
  long countById(String id);

  /** An {@code incident} outbox row: the relay publishes the payload verbatim. */
  @Query(
      "INSERT INTO outbox (kind, aggregate_id, event_type, payload) VALUES ('"
          + Outbox.INCIDENT
          + "', :incidentId, :eventType, CAST(:payload AS jsonb))")
  void insertOutbox(String incidentId, String eventType, String payload);

  /** The API's {@code mitigationStatus} of the resource (a missing row stays missing). */
  @Query(
      """
      UPDATE resource_state
         SET phase = :phase, attempt_count = :attempts, last_action = :lastAction,
             workflow_id = :workflowId, incident_id = :incidentId, updated_at = now()
       WHERE id = :resourceId
      """)
  void updateMitigation(
      String resourceId,
      String phase,
      int attempts,
      @Nullable String lastAction,
      String workflowId,
      String incidentId);
}
