package dev.vigil.activities.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** SQL of the action journal over {@code action_execution} (unique index on idempotency_key). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ActionExecutionRepository extends GenericRepository<ActionExecutionRow, Long> {

  /**
   * Claims the key for a run: inserts a STARTED row, or, when an earlier try STARTED or FAILED,
   * counts one more try. Returns 0 when the key already finished (SUCCEEDED, UNCHANGED, WOULD_DO):
   * the caller returns the recorded result instead of acting again.
   */
  @Query(
      """
      INSERT INTO action_execution (idempotency_key, incident_id, workflow_id, resource_id, rung,
          attempt, kind, action, target, params, dry_run, outcome, tries, started_at)
      VALUES (:key, :incidentId, :workflowId, :resourceId, :rung, :attempt, :kind, :action, :target,
          CAST(:params AS jsonb), :dryRun, 'STARTED', 1, :now)
      ON CONFLICT (idempotency_key) DO UPDATE
          SET tries = action_execution.tries + 1, outcome = 'STARTED', finished_at = NULL
          WHERE action_execution.outcome IN ('STARTED', 'FAILED')
      """)
  int claim(
      String key,
      @Nullable String incidentId,
      String workflowId,
      String resourceId,
      int rung,
      int attempt,
      String kind,
      String action,
      @Nullable String target,
      String params,
      boolean dryRun,
      Instant now);

  Optional<ActionExecutionRow> findByIdempotencyKey(String idempotencyKey);

  @Query(
      """
      UPDATE action_execution
         SET outcome = :outcome, summary = :summary, result = CAST(:result AS jsonb),
             error_type = NULL, error = NULL, finished_at = :now
       WHERE idempotency_key = :key
      """)
  void finish(String key, String outcome, String summary, String result, Instant now);

  @Query(
      """
      UPDATE action_execution
         SET outcome = 'FAILED', error_type = :errorType, error = :error, finished_at = :now
       WHERE idempotency_key = :key
      """)
  void fail(String key, String errorType, @Nullable String error, Instant now);
}
