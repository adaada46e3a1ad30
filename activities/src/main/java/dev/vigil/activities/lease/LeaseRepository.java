package dev.vigil.activities.lease;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL of the storm guard over {@code remediation_lease} and {@code remediation_scope}. Acquirers of
 * one scope serialize on its {@code remediation_scope} row ({@link #lockScope}), so concurrent
 * acquirers never exceed the scope's limit.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LeaseRepository extends GenericRepository<LeaseRow, String> {

  @Query("INSERT INTO remediation_scope (scope) VALUES (:scope) ON CONFLICT (scope) DO NOTHING")
  void ensureScope(String scope);

  @Query(
      """
      SELECT scope, last_release_at, storm_declared_at, storm_cleared_at, last_refused_at
        FROM remediation_scope WHERE scope = :scope FOR UPDATE
      """)
  ScopeRow lockScope(String scope);

  Optional<LeaseRow> findByHolder(String holder);

  /** Unexpired leases of the scope held by others (index remediation_lease_scope_idx). */
  @Query(
      """
      SELECT count(*) FROM remediation_lease
       WHERE scope = :scope AND expires_at > :now AND holder <> :holder
      """)
  long countActiveOthers(String scope, Instant now, String holder);

  /** Takes or renews; a renewal of a live lease in the same scope keeps its acquired_at. */
  @Query(
      """
      INSERT INTO remediation_lease (holder, scope, resource_id, incident_id, acquired_at, expires_at)
      VALUES (:holder, :scope, :resourceId, :incidentId, :now, :expiresAt)
      ON CONFLICT (holder) DO UPDATE
         SET acquired_at = CASE
                 WHEN remediation_lease.scope = EXCLUDED.scope
                      AND remediation_lease.expires_at > EXCLUDED.acquired_at
                 THEN remediation_lease.acquired_at ELSE EXCLUDED.acquired_at END,
             scope = EXCLUDED.scope, resource_id = EXCLUDED.resource_id,
             incident_id = EXCLUDED.incident_id, expires_at = EXCLUDED.expires_at
      """)
  void upsertLease(
      String holder,
      String scope,
      String resourceId,
      @Nullable String incidentId,
      Instant now,
      Instant expiresAt);

  @Query("DELETE FROM remediation_lease WHERE holder = :holder AND scope = :scope")
  int deleteLease(String holder, String scope);

  @Query("UPDATE remediation_scope SET last_release_at = :at WHERE scope = :scope")
  void markReleased(String scope, Instant at);

  @Query("UPDATE remediation_scope SET last_refused_at = :at WHERE scope = :scope")
  void markRefused(String scope, Instant at);

  @Query(
      "UPDATE remediation_scope SET storm_declared_at = :at, last_refused_at = :at"
          + " WHERE scope = :scope")
  void declareStorm(String scope, Instant at);

  @Query("UPDATE remediation_scope SET storm_cleared_at = :at WHERE scope = :scope")
  void clearStorm(String scope, Instant at);
}
