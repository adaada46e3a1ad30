package dev.vigil.activities.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.PostgresContext;
import dev.vigil.activities.TestClock;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.LeaseDecision;
import dev.vigil.workflows.activity.LeaseRelease;
import dev.vigil.workflows.activity.LeaseRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The storm guard against a real PostgreSQL, with a hand-moved clock for expiry and cooldowns.
 * Every test uses its own scope (a unique cluster), so they share one database.
 */
@Timeout(60)
class LeaseActivitiesImplTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));

  private static TestPostgres.Database db;
  private static ApplicationContext ctx;
  private static LeaseActivities guard;
  private static MeterRegistry meters;

  private String cluster;
  private String scope;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("leases");
    Map<String, Object> config = new HashMap<>();
    config.put("vigil.storm-guard.max-concurrent", 2);
    config.put("vigil.storm-guard.max-unhealthy-fraction", 0.4);
    config.put("vigil.storm-guard.min-resources", 10);
    config.put("vigil.storm-guard.retry-after", "45s");
    config.put("vigil.storm-guard.storm-quiet-period", "5m");
    config.put("vigil.storm-guard.scopes[0].scope", "cluster=cool");
    config.put("vigil.storm-guard.scopes[0].cooldown", "10m");
    config.put("vigil.storm-guard.scopes[0].max-concurrent", 5);
    config.put("vigil.storm-guard.scopes[1].scope", "cluster=cool,type=k8s/Node");
    config.put("vigil.storm-guard.scopes[1].max-concurrent", 1);
    ctx = PostgresContext.start(db, config, CLOCK);
    guard = ctx.getBean(LeaseActivities.class);
    meters = ctx.getBean(MeterRegistry.class);
  }

  @AfterAll
  static void stop() {
    ctx.close();
  }

  @BeforeEach
  void uniqueScope() {
    cluster = "c" + UUID.randomUUID().toString().substring(0, 8);
    scope = "cluster=" + cluster;
  }

  @Nested
  class Limits {

    @Test
    void maxConcurrent_grantsUpToTheLimit_thenRefusesWithRetryAfter() {
      assertThat(acquire("a").granted()).isTrue();
      assertThat(acquire("b").granted()).isTrue();

      LeaseDecision refused = acquire("c");

      assertThat(refused.granted()).isFalse();
      assertThat(refused.reason()).isEqualTo("max-concurrent");
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void reacquireBySameHolder_renewsWithoutTakingASecondSlot() throws Exception {
      acquire("a");
      acquire("b");
      CLOCK.advance(Duration.ofMinutes(1));

      LeaseDecision renewed = acquire("a");

      assertThat(renewed.granted()).isTrue();
      assertThat(rows("select count(*) from remediation_lease where scope = ?", scope))
          .containsExactly(List.of("2"));
      assertThat(
              rows(
                  "select expires_at - acquired_at from remediation_lease where holder = ?",
                  "remediation:a-" + cluster))
          .containsExactly(List.of("00:11:00"));
    }

    @Test
    void expiredLeases_neverCount() {
      acquire("a");
      acquire("b");
      CLOCK.advance(TTL.plusSeconds(1));

      assertThat(acquire("c").granted()).isTrue();
      assertThat(acquire("d").granted()).isTrue();
      assertThat(acquire("e").granted()).isFalse();
    }

    @Test
    void unhealthyFraction_refusesOverTheLimit_onlyWhereTheScopeHasEnoughResources()
        throws Exception {
      for (int i = 0; i < 10; i++) {
        resource("k8s/Pod", i < 5 ? "Unhealthy" : "Healthy", "pod-" + i);
      }
      for (int i = 0; i < 3; i++) {
        resource("k8s/Node", "Unhealthy", "node-" + i);
      }

      LeaseDecision pods = guard.acquireLease(request("p", scope + ",type=k8s/Pod"));
      LeaseDecision nodes = guard.acquireLease(request("n", scope + ",type=k8s/Node"));
      LeaseDecision all = acquire("a");

      assertThat(pods.granted()).isFalse();
      assertThat(pods.reason()).isEqualTo("max-unhealthy-fraction");
      assertThat(pods.stormDeclared()).isTrue();
      assertThat(nodes.granted()).as("3 nodes are fewer than min-resources").isTrue();
      assertThat(all.reason()).as("8 of 13 unhealthy").isEqualTo("max-unhealthy-fraction");
    }

    @Test
    void cooldown_afterAVerifiedRelease_refusesUntilItEnds_andDeclaresNoStorm() {
      cluster = "cool";
      scope = "cluster=cool";
      assertThat(acquire("a").granted()).isTrue();
      guard.releaseLease(new LeaseRelease(holder("a"), scope, true));
      CLOCK.advance(Duration.ofMinutes(4));

      LeaseDecision refused = acquire("b");

      assertThat(refused.granted()).isFalse();
      assertThat(refused.reason()).isEqualTo("cooldown");
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(6));
      assertThat(refused.stormDeclared()).isFalse();
      CLOCK.advance(Duration.ofMinutes(6));
      assertThat(acquire("b").granted()).isTrue();
      guard.releaseLease(new LeaseRelease(holder("b"), scope, false));
      assertThat(acquire("c").granted()).as("an unverified release starts no cooldown").isTrue();
      guard.releaseLease(new LeaseRelease(holder("c"), scope, false));
    }

    @Test
    void perScopeOverrides_mostSpecificWins() {
      String nodes = "cluster=cool,type=k8s/Node";
      assertThat(guard.acquireLease(request("n1", nodes)).granted()).isTrue();

      assertThat(guard.acquireLease(request("n2", nodes)).reason()).isEqualTo("max-concurrent");
      guard.releaseLease(new LeaseRelease(holder("n1"), nodes, false));
    }
  }

  @Nested
  class Storms {

    @Test
    void exactlyOneRefusedHolderDeclaresTheStorm_untilTheScopeHasCapacityAgain() {
      acquire("a");
      acquire("b");
      double before = storms();

      List<LeaseDecision> refused = List.of(acquire("c"), acquire("d"), acquire("c"));

      assertThat(refused)
          .extracting(LeaseDecision::stormDeclared)
          .containsExactly(true, false, false);
      assertThat(storms()).isEqualTo(before + 1);
      assertThat(refusals("max-concurrent")).isGreaterThanOrEqualTo(3);

      // A release lets one waiting holder in, filling the scope again: the same storm goes on.
      guard.releaseLease(new LeaseRelease(holder("a"), scope, true));
      assertThat(acquire("c").granted()).isTrue();
      assertThat(acquire("d").stormDeclared()).isFalse();

      // The backlog drains: a grant with room to spare ends the storm; the next refusal is new.
      guard.releaseLease(new LeaseRelease(holder("b"), scope, true));
      guard.releaseLease(new LeaseRelease(holder("c"), scope, true));
      assertThat(acquire("e").granted()).isTrue();
      assertThat(acquire("f").granted()).isTrue();
      assertThat(acquire("g").stormDeclared()).isTrue();
      assertThat(storms()).isEqualTo(before + 2);
    }

    @Test
    void stormEndsAfterAQuietPeriodWithoutRefusals() {
      acquire("a");
      acquire("b");
      assertThat(acquire("c").stormDeclared()).isTrue();
      CLOCK.advance(Duration.ofMinutes(4));
      assertThat(acquire("c").stormDeclared()).isFalse();

      CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
      acquire("a");
      acquire("b");

      assertThat(acquire("d").stormDeclared()).isTrue();
    }

    @Test
    void concurrentAcquirers_neverExceedTheLimit_andDeclareOneStorm() throws Exception {
      int holders = 12;
      ExecutorService pool = Executors.newFixedThreadPool(holders);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<LeaseDecision>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < holders; i++) {
          String name = "h" + i;
          Callable<LeaseDecision> call =
              () -> {
                go.await();
                return acquire(name);
              };
          futures.add(pool.submit(call));
        }
        go.countDown();
        List<LeaseDecision> decisions = new ArrayList<>();
        for (Future<LeaseDecision> f : futures) {
          decisions.add(f.get());
        }

        assertThat(decisions).filteredOn(LeaseDecision::granted).hasSize(2);
        assertThat(decisions).filteredOn(LeaseDecision::stormDeclared).hasSize(1);
        assertThat(
                rows(
                    "select count(*) from remediation_lease where scope = ? and expires_at > '"
                        + CLOCK.instant()
                        + "'::timestamptz",
                    scope))
            .containsExactly(List.of("2"));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private LeaseDecision acquire(String name) {
    return guard.acquireLease(request(name, scope));
  }

  private LeaseRequest request(String name, String inScope) {
    return new LeaseRequest(
        holder(name),
        inScope,
        "k8s/" + cluster + "/ns/Pod/" + name,
        "k8s/Pod",
        cluster,
        "incident-" + name,
        TTL);
  }

  private String holder(String name) {
    return "remediation:" + name + "-" + cluster;
  }

  private void resource(String type, String health, String name) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into resource_state (id, type, cluster, health_state) values (?, ?, ?, ?)")) {
      s.setString(1, "k8s/" + cluster + "/" + type + "/" + name);
      s.setString(2, type);
      s.setString(3, cluster);
      s.setString(4, health);
      s.executeUpdate();
    }
  }

  private static double storms() {
    Counter counter = meters.find(LeaseActivitiesImpl.STORMS_METRIC).counter();
    return counter == null ? 0 : counter.count();
  }

  private static double refusals(String reason) {
    Counter counter =
        meters.find(LeaseActivitiesImpl.REFUSED_METRIC).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static List<List<String>> rows(String query, String param) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }
}
