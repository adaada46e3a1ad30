package dev.vigil.api.action;

import dev.vigil.store.Sql;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code operator_action} for the API: the {@code REQUESTED} row written when a request is accepted
 * (the workflow replaces it at every change, {@code seq} ordering them) and reads by id (primary
 * key {@code operator_action_pkey}).
 */
@Singleton
@Connectable
public class ActionRepository {
  private static final Argument<Map<String, String>> STRINGS =
      Argument.mapOf(String.class, String.class);
  private static final Argument<List<String>> LIST = Argument.listOf(String.class);

  private final JdbcOperations jdbc;
  private final JsonMapper json;

  public ActionRepository(JdbcOperations jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The accepted request, seq 0; a row the workflow already wrote is left as it is. The workflow
   * starts before this insert and may record itself first: its row has the same id and workflow id,
   * and the two inserts can meet on either unique index, so the conflict names no column (with
   * {@code on conflict (id)} a race lost on {@code operator_action_workflow_id_key} answered 500).
   */
  public void insertRequested(OperatorAction a) {
    jdbc.prepareStatement(
        "insert into operator_action (id, workflow_id, resource_id, action, target, params,"
            + " dry_run, require_approval, state, seq, message, requested_by, requested_at,"
            + " updated_at) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, 0, ?, ?, ?, ?)"
            + " on conflict do nothing",
        ps -> {
          Sql.bind(
              ps,
              List.of(
                  a.id(),
                  a.workflowId(),
                  a.resourceId(),
                  a.action(),
                  a.target(),
                  write(a.params()),
                  a.dryRun(),
                  a.requireApproval(),
                  a.state(),
                  a.message(),
                  a.requestedBy(),
                  a.requestedAt(),
                  a.updatedAt()));
          return ps.executeUpdate();
        });
  }

  public Optional<OperatorAction> find(String id) {
    return jdbc.prepareStatement(
        "select id, workflow_id, resource_id, action, target, params::text as params, dry_run,"
            + " require_approval, state, scope, message, requested_by, requested_at, updated_at,"
            + " decided_by, outcome, affected::text as affected, details::text as details,"
            + " error_type from operator_action where id = ?",
        ps -> {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
          }
        });
  }

  private OperatorAction read(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    return new OperatorAction(
        rs.getString("id"),
        rs.getString("workflow_id"),
        rs.getString("resource_id"),
        rs.getString("action"),
        rs.getString("target"),
        read(rs.getString("params"), STRINGS),
        rs.getBoolean("dry_run"),
        rs.getBoolean("require_approval"),
        state,
        dev.vigil.workflows.workflow.OperatorActionState.valueOf(state).isFinal(),
        rs.getString("scope"),
        rs.getString("message"),
        rs.getString("requested_by"),
        Sql.instant(rs, "requested_at"),
        Sql.instant(rs, "updated_at"),
        rs.getString("decided_by"),
        rs.getString("outcome"),
        read(rs.getString("affected"), LIST),
        read(rs.getString("details"), STRINGS),
        rs.getString("error_type"));
  }

  private <T> T read(String column, Argument<T> type) {
    try {
      return json.readValue(column, type);
    } catch (IOException e) {
      throw new UncheckedIOException("operator_action holds JSON that does not parse", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
