package dev.vigil.store.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * An {@code incident} row: one remediation of one resource, from detection to its end. The incident
 * activities write it (and read it back, locked, to append to it); the API answers with it as it is
 * (field names are the HTTP contract, nulls included).
 *
 * @param status {@code open}, {@code mitigating}, {@code resolved}, {@code terminal}, {@code
 *     failed} or {@code cancelled}
 * @param severity the triggering signal's severity (lower case), null when unknown
 * @param phase the workflow's phase when it last recorded one, null before
 * @param closedAt when the repair ended, null while it runs
 * @param resolvedBy who closed it by hand ({@code resolveManually}), else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Incident(
    String id,
    String resourceId,
    String resourceType,
    String cluster,
    String workflowId,
    String policy,
    String status,
    String severity,
    String summary,
    String phase,
    int attempts,
    boolean dryRun,
    Instant openedAt,
    Instant updatedAt,
    Instant closedAt,
    String resolvedBy) {

  /** The columns {@link #read} reads, for a select list (unqualified). */
  public static final String COLUMNS =
      "id, resource_id, resource_type, cluster, workflow_id, policy, status, severity, summary,"
          + " phase, attempts, dry_run, opened_at, updated_at, closed_at, resolved_by";

  /** The incident at the result set's current row, selected with {@link #COLUMNS}. */
  public static Incident read(ResultSet rs) throws SQLException {
    return new Incident(
        rs.getString("id"),
        rs.getString("resource_id"),
        rs.getString("resource_type"),
        rs.getString("cluster"),
        rs.getString("workflow_id"),
        rs.getString("policy"),
        rs.getString("status"),
        rs.getString("severity"),
        rs.getString("summary"),
        rs.getString("phase"),
        rs.getInt("attempts"),
        rs.getBoolean("dry_run"),
        Sql.instant(rs, "opened_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "closed_at"),
        rs.getString("resolved_by"));
  }
}
