package dev.vigil.activities.incident;

import dev.vigil.activities.Statements;
import dev.vigil.store.contracts.Incident;
import dev.vigil.store.contracts.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the incident records as the incident activities write them: {@code incident}, its timeline
 * {@code incident_event}, the {@code outbox} rows for {@code vigil.incidents}, and the mitigation
 * columns of {@code resource_state}. (The API reads incidents through its own {@code
 * IncidentQueries}.)
 *
 * <p>Every call runs inside the caller's transaction ({@link IncidentActivitiesImpl} opens one per
 * activity call): {@link JdbcOperations} uses that transaction's connection, so the incident's row
 * lock, its timeline row, the mitigation status and the outbox row commit together. Outside a
 * transaction there is no connection to use and a call fails.
 */
@Singleton
public class IncidentRepository {
  /**
   * Opens the incident unless it exists; opened_at and updated_at both take the opening time.
   * Relies on incident_pkey (ON CONFLICT (id)).
   */
  static final String INSERT_IF_ABSENT =
      """
      INSERT INTO incident (id, resource_id, resource_type, cluster, workflow_id, policy, status,
          severity, summary, phase, attempts, dry_run, opened_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, 0, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING
      """;

  /**
   * Reads the incident and locks its row for the rest of the transaction. Relies on incident_pkey.
   */
  static final String LOCK =
      "SELECT " + Incident.COLUMNS + " FROM incident WHERE id = ? FOR UPDATE";

  /** The incident's phase, attempts and status. Relies on incident_pkey. */
  static final String UPDATE_PROGRESS =
      """
      UPDATE incident
         SET phase = ?, attempts = ?, status = ?, updated_at = ?, closed_at = ?, resolved_by = ?
       WHERE id = ?
      """;

  /**
   * Appends a timeline row whose phase is the incident's current one unless given; a retried call
   * inserts nothing. Relies on incident_pkey (the incident's row) and
   * incident_event_incident_id_seq_key (ON CONFLICT (incident_id, seq)).
   */
  static final String INSERT_EVENT =
      """
      INSERT INTO incident_event (incident_id, seq, at, kind, phase, message, actor, details)
      SELECT i.id, ?, ?, ?, COALESCE(?, i.phase), ?, ?, CAST(? AS jsonb)
        FROM incident i WHERE i.id = ?
      ON CONFLICT (incident_id, seq) DO NOTHING
      """;

  /** Whether the incident exists (0 or 1). Relies on incident_pkey. */
  static final String COUNT_BY_ID = "SELECT count(*) FROM incident WHERE id = ?";

  /**
   * An {@code incident} outbox row: the relay publishes the payload verbatim. A plain append (the
   * id comes from the bigserial's sequence; no unique index but outbox_pkey is involved); the relay
   * later finds the row through outbox_pending_aggregate_idx.
   */
  static final String INSERT_OUTBOX =
      "INSERT INTO outbox (kind, aggregate_id, event_type, payload) VALUES ('"
          + Outbox.INCIDENT
          + "', ?, ?, CAST(? AS jsonb))";

  /**
   * The API's {@code mitigationStatus} of the resource (a missing row stays missing). Relies on
   * resource_state_pkey.
   */
  static final String UPDATE_MITIGATION =
      """
      UPDATE resource_state
         SET phase = ?, attempt_count = ?, last_action = ?,
             workflow_id = ?, incident_id = ?, updated_at = now()
       WHERE id = ?
      """;

  private final JdbcOperations jdbc;

  public IncidentRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Returns 1 when the incident is new, 0 when it already exists. */
  public int insertIfAbsent(
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
      Instant at) {
    return Statements.update(
        jdbc,
        INSERT_IF_ABSENT,
        id,
        resourceId,
        resourceType,
        cluster,
        workflowId,
        policy,
        severity,
        summary,
        phase,
        dryRun,
        at,
        at);
  }

  /** The incident, its row locked for the rest of the transaction; empty when there is none. */
  public Optional<Incident> lock(String id) {
    return Statements.one(jdbc, LOCK, Incident::read, id);
  }

  public void updateProgress(
      String id,
      String phase,
      int attempts,
      String status,
      Instant at,
      @Nullable Instant closedAt,
      @Nullable String resolvedBy) {
    Statements.update(jdbc, UPDATE_PROGRESS, phase, attempts, status, at, closedAt, resolvedBy, id);
  }

  /** Returns 0 when the row is already there (a retried call) or there is no such incident. */
  public int insertEvent(
      String incidentId,
      long seq,
      Instant at,
      String kind,
      @Nullable String phase,
      String message,
      String actor,
      String details) {
    return Statements.update(
        jdbc, INSERT_EVENT, seq, at, kind, phase, message, actor, details, incidentId);
  }

  public long countById(String id) {
    return Statements.count(jdbc, COUNT_BY_ID, id);
  }

  /** {@code payload}: the CloudEvent as JSON text. */
  public void insertOutbox(String incidentId, String eventType, String payload) {
    Statements.update(jdbc, INSERT_OUTBOX, incidentId, eventType, payload);
  }

  public void updateMitigation(
      String resourceId,
      String phase,
      int attempts,
      @Nullable String lastAction,
      String workflowId,
      String incidentId) {
    Statements.update(
        jdbc, UPDATE_MITIGATION, phase, attempts, lastAction, workflowId, incidentId, resourceId);
  }
}
