package dev.vigil.activities.operator;

import dev.vigil.activities.Statements;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * SQL of the operator action record ({@code operator_action}). The activity writes one statement
 * and needs no transaction around it: the call takes a connection of its own ({@link Connectable})
 * and commits on its own.
 */
@Singleton
@Connectable
public class OperatorActionRepository {
  /**
   * Inserts the row, or replaces it when this status is newer ({@code seq} higher): a retried or
   * late write never moves an action back. Relies on operator_action_pkey (ON CONFLICT (id)).
   */
  static final String RECORD =
      """
      INSERT INTO operator_action (id, workflow_id, resource_id, action, target, params, dry_run,
          require_approval, scope, state, seq, message, requested_by, requested_at, updated_at,
          decided_by, outcome, affected, details, error_type)
      VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?,
          ?, ?, ?, ?, ?, ?, ?, ?,
          ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?)
      ON CONFLICT (id) DO UPDATE
          SET scope = excluded.scope, state = excluded.state, seq = excluded.seq,
              message = excluded.message, updated_at = excluded.updated_at,
              decided_by = excluded.decided_by, outcome = excluded.outcome,
              affected = excluded.affected, details = excluded.details,
              error_type = excluded.error_type
          WHERE operator_action.seq < excluded.seq
      """;

  private final JdbcOperations jdbc;

  public OperatorActionRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Returns 1 when the row was inserted or replaced, 0 when it already held this or a newer status.
   * {@code params}, {@code affected} and {@code details} are JSON text.
   */
  public int record(
      String id,
      String workflowId,
      String resourceId,
      String action,
      String target,
      String params,
      boolean dryRun,
      boolean requireApproval,
      @Nullable String scope,
      String state,
      long seq,
      @Nullable String message,
      String requestedBy,
      Instant requestedAt,
      Instant updatedAt,
      @Nullable String decidedBy,
      @Nullable String outcome,
      String affected,
      String details,
      @Nullable String errorType) {
    return Statements.update(
        jdbc,
        RECORD,
        id,
        workflowId,
        resourceId,
        action,
        target,
        params,
        dryRun,
        requireApproval,
        scope,
        state,
        seq,
        message,
        requestedBy,
        requestedAt,
        updatedAt,
        decidedBy,
        outcome,
        affected,
        details,
        errorType);
  }
}
