package dev.vigil.activities.journal;

import dev.vigil.activities.Statements;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the action journal over {@code action_execution}, keyed by its unique idempotency key.
 *
 * <p>The journal calls these outside any transaction (the action between claim and finish must not
 * hold a connection), so each call takes a connection of its own ({@link Connectable}) and commits
 * on its own; inside a caller's transaction it would join that transaction's connection.
 */
@Singleton
@Connectable
public class ActionExecutionRepository {
  /**
   * Claims the key for a run: inserts a STARTED row, or, when an earlier try STARTED or FAILED,
   * counts one more try. Relies on action_execution_idempotency_key_key (ON CONFLICT
   * (idempotency_key)).
   */
  static final String CLAIM =
      """
      INSERT INTO action_execution (idempotency_key, incident_id, workflow_id, resource_id, rung,
          attempt, kind, action, target, params, dry_run, outcome, tries, started_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, 'STARTED', 1, ?)
      ON CONFLICT (idempotency_key) DO UPDATE
          SET tries = action_execution.tries + 1, outcome = 'STARTED', finished_at = NULL
          WHERE action_execution.outcome IN ('STARTED', 'FAILED')
      """;

  /**
   * What the journal needs to answer a retry of a finished key. Relies on
   * action_execution_idempotency_key_key.
   */
  static final String FIND_BY_KEY =
      """
      SELECT id, idempotency_key, action, outcome, summary, result::text, tries, error_type, error
        FROM action_execution WHERE idempotency_key = ?
      """;

  /**
   * Records the run's result (SUCCEEDED, UNCHANGED or WOULD_DO). Relies on
   * action_execution_idempotency_key_key.
   */
  static final String FINISH =
      """
      UPDATE action_execution
         SET outcome = ?, summary = ?, result = CAST(? AS jsonb),
             error_type = NULL, error = NULL, finished_at = ?
       WHERE idempotency_key = ?
      """;

  /**
   * Records a failed try; the next claim of the key counts another. Relies on
   * action_execution_idempotency_key_key.
   */
  static final String FAIL =
      """
      UPDATE action_execution
         SET outcome = 'FAILED', error_type = ?, error = ?, finished_at = ?
       WHERE idempotency_key = ?
      """;

  private final JdbcOperations jdbc;

  public ActionExecutionRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Returns 0 when the key already finished (SUCCEEDED, UNCHANGED, WOULD_DO): the caller returns
   * the recorded result instead of acting again.
   */
  public int claim(
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
      Instant now) {
    return Statements.update(
        jdbc,
        CLAIM,
        key,
        incidentId,
        workflowId,
        resourceId,
        rung,
        attempt,
        kind,
        action,
        target,
        params,
        dryRun,
        now);
  }

  public Optional<ActionExecutionRow> findByIdempotencyKey(String key) {
    return Statements.one(jdbc, FIND_BY_KEY, ActionExecutionRepository::row, key);
  }

  /** {@code result}: the recorded result as JSON text. */
  public void finish(String key, String outcome, String summary, String result, Instant now) {
    Statements.update(jdbc, FINISH, outcome, summary, result, now, key);
  }

  public void fail(String key, String errorType, @Nullable String error, Instant now) {
    Statements.update(jdbc, FAIL, errorType, error, now, key);
  }

  private static ActionExecutionRow row(ResultSet rs) throws SQLException {
    return new ActionExecutionRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9));
  }
}
