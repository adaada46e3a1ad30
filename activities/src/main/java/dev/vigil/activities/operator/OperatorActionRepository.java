package dev.vigil.activities.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** SQL of the operator action record ({@code operator_action}, primary key id). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OperatorActionRepository extends GenericRepository<OperatorActionRow, String> {

  /**
   * Inserts the row, or replaces it when this status is newer ({@code seq} higher): a retried or
   * late write never moves an action back.
   */
  @Query(
      """
      INSERT INTO operator_action (id, workflow_id, resource_id, action, target, params, dry_run,
          require_approval, scope, state, seq, message, requested_by, requested_at, updated_at,
          decided_by, outcome, affected, details, error_type)
      VALUES (:id, :workflowId, :resourceId, :action, :target, CAST(:params AS jsonb), :dryRun,
          :requireApproval, :scope, :state, :seq, :message, :requestedBy, :requestedAt, :updatedAt,
          :decidedBy, :outcome, CAST(:affected AS jsonb), CAST(:details AS jsonb), :errorType)
      ON CONFLICT (id) DO UPDATE
          SET scope = excluded.scope, state = excluded.state, seq = excluded.seq,
              message = excluded.message, updated_at = excluded.updated_at,
              decided_by = excluded.decided_by, outcome = excluded.outcome,
              affected = excluded.affected, details = excluded.details,
              error_type = excluded.error_type
          WHERE operator_action.seq < excluded.seq
      """)
  int record(
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
      @Nullable String errorType);
}
