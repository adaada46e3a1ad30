package dev.vigil.activities.lease;

import dev.vigil.activities.lease.LeaseRules.Fleet;
import dev.vigil.activities.lease.LeaseRules.Refusal;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.LeaseDecision;
import dev.vigil.workflows.activity.LeaseRelease;
import dev.vigil.workflows.activity.LeaseRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The storm guard (fleet budget) over {@code remediation_lease} / {@code remediation_scope}: before
 * acting, a remediation takes a lease in its scope; over the scope's concurrency or
 * unhealthy-fraction limit, or inside its cooldown, it is refused and retries later. Exactly one
 * refused holder per scope and storm hears {@code stormDeclared} and sends the single page.
 *
 * <p>Each call is one transaction that first locks the scope's row, so concurrent acquirers of a
 * scope are serialized and never exceed its limit. Expired leases never count: a dead workflow
 * cannot hold the budget. Counts {@code vigil.leases.refused{reason}} and {@code
 * vigil.storms.declared}.
 */
@Singleton
public class LeaseActivitiesImpl implements LeaseActivities {
  static final String REFUSED_METRIC = "vigil.leases.refused";
  static final String STORMS_METRIC = "vigil.storms.declared";

  private final LeaseRepository leases;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final StormGuardLimits limits;
  private final MeterRegistry meters;
  private final Clock clock;

  public LeaseActivitiesImpl(
      LeaseRepository leases,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      StormGuardLimits limits,
      MeterRegistry meters,
      Clock clock) {
    this.leases = leases;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.limits = limits;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public LeaseDecision acquireLease(LeaseRequest request) {
    if (!limits.enabled()) {
      return LeaseDecision.grant();
    }
    Scope scope = Scope.parse(request.scope());
    ScopeLimits scopeLimits = limits.forScope(scope);
    LeaseDecision decision =
        transactions.executeWrite(status -> decide(request, scope, scopeLimits));
    if (!decision.granted()) {
      Counter.builder(REFUSED_METRIC)
          .description("Leases the storm guard refused, by reason")
          .tag("reason", decision.reason())
          .register(meters)
          .increment();
      if (decision.stormDeclared()) {
        Counter.builder(STORMS_METRIC)
            .description("Storms declared: one page per scope instead of a thousand repairs")
            .register(meters)
            .increment();
      }
    }
    return decision;
  }

  private LeaseDecision decide(LeaseRequest request, Scope scope, ScopeLimits scopeLimits) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(request.ttl());
    leases.ensureScope(scope.text());
    ScopeRow row = leases.lockScope(scope.text());

    Optional<LeaseRow> held = leases.findByHolder(request.holder());
    if (held.isPresent()
        && held.get().scope().equals(scope.text())
        && held.get().expiresAt().isAfter(now)) {
      leases.upsertLease(
          request.holder(),
          scope.text(),
          request.resourceId(),
          request.incidentId(),
          now,
          expiresAt);
      return LeaseDecision.grant();
    }

    long activeOthers = leases.countActiveOthers(scope.text(), now, request.holder());
    Fleet fleet = fleet(scope);
    Optional<Refusal> refusal =
        LeaseRules.refusal(scopeLimits, activeOthers, fleet, row.lastReleaseAt(), now);
    if (refusal.isPresent()) {
      boolean declare =
          refusal.get().stormLike() && !row.stormActive(now, scopeLimits.stormQuietPeriod());
      if (declare) {
        leases.declareStorm(scope.text(), now);
      } else if (refusal.get().stormLike()) {
        leases.markRefused(scope.text(), now);
      }
      return new LeaseDecision(false, refusal.get().reason(), refusal.get().retryAfter(), declare);
    }

    leases.upsertLease(
        request.holder(), scope.text(), request.resourceId(), request.incidentId(), now, expiresAt);
    if (row.stormActive(now, scopeLimits.stormQuietPeriod())
        && LeaseRules.calm(scopeLimits, activeOthers + 1, fleet)) {
      leases.clearStorm(scope.text(), now);
    }
    return LeaseDecision.grant();
  }

  @Override
  public void releaseLease(LeaseRelease release) {
    if (!limits.enabled()) {
      return;
    }
    transactions.executeWrite(
        status -> {
          int deleted = leases.deleteLease(release.holder(), release.scope());
          if (deleted > 0 && release.verified()) {
            leases.ensureScope(release.scope());
            leases.markReleased(release.scope(), clock.instant());
          }
          return null;
        });
  }

  /** How many resources the scope covers and how many are Unhealthy. */
  private Fleet fleet(Scope scope) {
    Scope.Condition condition = scope.condition();
    String sql =
        "select count(*), count(*) filter (where health_state = 'Unhealthy')"
            + " from resource_state where "
            + condition.sql();
    return jdbc.prepareStatement(
        sql,
        (PreparedStatement statement) -> {
          try {
            for (int i = 0; i < condition.params().size(); i++) {
              statement.setString(i + 1, condition.params().get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              return new Fleet(rs.getLong(1), rs.getLong(2));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("cannot count the resources of scope " + scope, e);
          }
        });
  }
}
