package dev.vigil.activities.lease;

import dev.vigil.activities.Statements;
import dev.vigil.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the storm guard over {@code remediation_lease} and {@code remediation_scope}. Acquirers of
 * one scope serialize on its {@code remediation_scope} row ({@link #lockScope}), so concurrent
 * acquirers never exceed the scope's limit.
 *
 * <p>Every call runs inside the caller's transaction ({@link LeaseActivitiesImpl} opens one per
 * acquire or release): {@link JdbcOperations} uses that transaction's connection, so the scope's
 * row lock holds until the decision is written. Outside a transaction there is no connection to use
 * and a call fails instead of locking nothing.
 */
@Singleton
public class LeaseRepository {
  /** The scope's bookkeeping row, created once. Relies on remediation_scope_pkey. */
  static final String ENSURE_SCOPE =
      "INSERT INTO remediation_scope (scope) VALUES (?) ON CONFLICT (scope) DO NOTHING";

  /**
   * Reads and locks the scope's row for the rest of the transaction: acquirers of one scope take
   * turns here. Relies on remediation_scope_pkey.
   */
  static final String LOCK_SCOPE =
      """
      SELECT scope, last_release_at, storm_declared_at, storm_cleared_at, last_refused_at
        FROM remediation_scope WHERE scope = ? FOR UPDATE
      """;

  /** The lease a workflow holds, if any. Relies on remediation_lease_pkey (holder). */
  static final String FIND_BY_HOLDER =
      "SELECT holder, scope, resource_id, incident_id, acquired_at, expires_at"
          + " FROM remediation_lease WHERE holder = ?";

  /**
   * Unexpired leases of the scope held by others. Relies on remediation_lease_scope_idx (scope,
   * expires_at).
   */
  static final String COUNT_ACTIVE_OTHERS =
      """
      SELECT count(*) FROM remediation_lease
       WHERE scope = ? AND expires_at > ? AND holder <> ?
      """;

  /**
   * Takes or renews; a renewal of a live lease in the same scope keeps its acquired_at. Relies on
   * remediation_lease_pkey (ON CONFLICT (holder)).
   */
  static final String UPSERT_LEASE =
      """
      INSERT INTO remediation_lease (holder, scope, resource_id, incident_id, acquired_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (holder) DO UPDATE
         SET acquired_at = CASE
                 WHEN remediation_lease.scope = EXCLUDED.scope
                      AND remediation_lease.expires_at > EXCLUDED.acquired_at
                 THEN remediation_lease.acquired_at ELSE EXCLUDED.acquired_at END,
             scope = EXCLUDED.scope, resource_id = EXCLUDED.resource_id,
             incident_id = EXCLUDED.incident_id, expires_at = EXCLUDED.expires_at
      """;

  /** Drops the holder's lease if it is in this scope. Relies on remediation_lease_pkey (holder). */
  static final String DELETE_LEASE = "DELETE FROM remediation_lease WHERE holder = ? AND scope = ?";

  /** Starts the scope's cooldown. Relies on remediation_scope_pkey. */
  static final String MARK_RELEASED =
      "UPDATE remediation_scope SET last_release_at = ? WHERE scope = ?";

  /** A refusal inside a declared storm keeps it declared. Relies on remediation_scope_pkey. */
  static final String MARK_REFUSED =
      "UPDATE remediation_scope SET last_refused_at = ? WHERE scope = ?";

  /** The refusal that declares a storm (and pages once). Relies on remediation_scope_pkey. */
  static final String DECLARE_STORM =
      "UPDATE remediation_scope SET storm_declared_at = ?, last_refused_at = ? WHERE scope = ?";

  /** The scope is calm again. Relies on remediation_scope_pkey. */
  static final String CLEAR_STORM =
      "UPDATE remediation_scope SET storm_cleared_at = ? WHERE scope = ?";

  private final JdbcOperations jdbc;

  public LeaseRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public void ensureScope(String scope) {
    Statements.update(jdbc, ENSURE_SCOPE, scope);
  }

  /** The scope's row, locked; {@link #ensureScope} must have run in this transaction. */
  public ScopeRow lockScope(String scope) {
    return Statements.one(jdbc, LOCK_SCOPE, LeaseRepository::scopeRow, scope)
        .orElseThrow(() -> new IllegalStateException("no remediation_scope row for " + scope));
  }

  public Optional<LeaseRow> findByHolder(String holder) {
    return Statements.one(jdbc, FIND_BY_HOLDER, LeaseRepository::leaseRow, holder);
  }

  public long countActiveOthers(String scope, Instant now, String holder) {
    return Statements.count(jdbc, COUNT_ACTIVE_OTHERS, scope, now, holder);
  }

  public void upsertLease(
      String holder,
      String scope,
      String resourceId,
      @Nullable String incidentId,
      Instant now,
      Instant expiresAt) {
    Statements.update(jdbc, UPSERT_LEASE, holder, scope, resourceId, incidentId, now, expiresAt);
  }

  /** How many leases went: 1, or 0 when the holder held none in this scope. */
  public int deleteLease(String holder, String scope) {
    return Statements.update(jdbc, DELETE_LEASE, holder, scope);
  }

  public void markReleased(String scope, Instant at) {
    Statements.update(jdbc, MARK_RELEASED, at, scope);
  }

  public void markRefused(String scope, Instant at) {
    Statements.update(jdbc, MARK_REFUSED, at, scope);
  }

  public void declareStorm(String scope, Instant at) {
    Statements.update(jdbc, DECLARE_STORM, at, at, scope);
  }

  public void clearStorm(String scope, Instant at) {
    Statements.update(jdbc, CLEAR_STORM, at, scope);
  }

  private static ScopeRow scopeRow(ResultSet rs) throws SQLException {
    return new ScopeRow(
        rs.getString("scope"),
        Sql.instant(rs, "last_release_at"),
        Sql.instant(rs, "storm_declared_at"),
        Sql.instant(rs, "storm_cleared_at"),
        Sql.instant(rs, "last_refused_at"));
  }

  private static LeaseRow leaseRow(ResultSet rs) throws SQLException {
    return new LeaseRow(
        rs.getString("holder"),
        rs.getString("scope"),
        rs.getString("resource_id"),
        rs.getString("incident_id"),
        Sql.instant(rs, "acquired_at"),
        Sql.instant(rs, "expires_at"));
  }
}
