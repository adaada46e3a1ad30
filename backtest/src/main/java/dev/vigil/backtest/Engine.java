package dev.vigil.backtest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.outbox.RelayConfig;
import dev.vigil.ingest.ttl.SignalTtl;
import dev.vigil.platform.VigilConfig;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.activity.DockerActivities;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.PagingActivities;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What every run of a backtest shares: an embedded PostgreSQL with Vigil's schema (zonky binaries
 * from Maven, a fresh database), and one Micronaut context over it holding the services' own beans:
 * ingest's normalization rules, TTLs and relay settings as {@code application.yml} and the
 * environment configure them, and the real activity implementations the worker hosts (incident
 * records, storm-guard leases, paging, Docker, the action journal). Each run starts from empty
 * tables ({@link #reset}).
 *
 * <p>Why PostgreSQL and not an in-memory store: the storm guard's decisions live partly in SQL
 * (unexpired leases per scope, the unhealthy fraction over {@code resource_state}, the scope's
 * storm bookkeeping). Replaying through the same {@code LeaseActivitiesImpl} and its SQL means a
 * backtest throttles exactly where production would, with no second implementation to drift; the
 * incident timeline and the action journal come out of the tables the API would read.
 */
public final class Engine implements AutoCloseable {
  /**
   * Docker dry runs read the daemon's state when one answers. A backtest judges a recorded week,
   * not the containers on this machine, so the Docker actions point at a daemon that does not
   * exist: the real {@code DockerActivitiesImpl} then plans from the rung's parameters and says the
   * current state is unknown.
   */
  static final String OFFLINE_DOCKER_HOST = "unix:///vigil-backtest/no-docker-daemon.sock";

  private static final List<String> TABLES =
      List.of(
          "resource_state",
          "ingest_offset",
          "outbox",
          "incident_event",
          "incident",
          "action_execution",
          "remediation_lease",
          "remediation_scope");

  private final ApplicationContext context;
  private final VirtualClock clock;
  private final HikariDataSource dataSource;

  private Engine(ApplicationContext context, VirtualClock clock, HikariDataSource dataSource) {
    this.context = context;
    this.clock = clock;
    this.dataSource = dataSource;
  }

  /** Starts PostgreSQL (once per JVM) with a new database and the context over it. */
  public static Engine start() {
    TestPostgres.Database db = TestPostgres.newDatabase("backtest");
    Map<String, Object> properties = new HashMap<>();
    properties.put("datasources.default.url", db.jdbcUrl());
    properties.put("datasources.default.username", db.user());
    properties.put("datasources.default.password", db.password());
    properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    properties.put("datasources.default.dialect", "POSTGRES");
    properties.put("datasources.default.maximum-pool-size", 8);
    // The schema is migrated already; nothing of ingest runs but its pure classes and settings.
    properties.put("flyway.datasources.default.enabled", false);
    properties.put("vigil.ingest.consumer.enabled", false);
    properties.put("vigil.ingest.relay.enabled", false);
    properties.put("vigil.ingest.metrics.refresh-interval", "3650d");
    // No Kafka in a backtest: nothing may go looking for one.
    properties.put("micronaut.health.monitor.enabled", false);
    properties.put("kafka.health.enabled", false);
    properties.put("vigil.docker.host", OFFLINE_DOCKER_HOST);
    properties.put("vigil.kubernetes.enabled", false);
    VirtualClock clock = new VirtualClock();
    ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .banner(false)
            .properties(properties)
            .singletons(clock)
            .start();
    // The backtest's own statements (the storm guard's view of resource_state, the report) run
    // outside Micronaut's transaction management, on a small pool of their own.
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(db.jdbcUrl());
    pool.setUsername(db.user());
    pool.setPassword(db.password());
    pool.setMaximumPoolSize(2);
    pool.setPoolName("vigil-backtest");
    return new Engine(context, clock, new HikariDataSource(pool));
  }

  /** Empties every table a run writes. */
  void reset() {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("truncate " + String.join(", ", TABLES) + " restart identity cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the backtest database: " + e.getMessage(), e);
    }
  }

  VirtualClock clock() {
    return clock;
  }

  Normalizer normalizer() {
    return context.getBean(Normalizer.class);
  }

  SignalTtl ttl() {
    return context.getBean(SignalTtl.class);
  }

  RelayConfig relay() {
    return context.getBean(RelayConfig.class);
  }

  IngestMetrics ingestMetrics() {
    return context.getBean(IngestMetrics.class);
  }

  VigilConfig vigil() {
    return context.getBean(VigilConfig.class);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * The activity implementations a replay's worker hosts: the real ones where they run offline in a
   * dry run, and {@link OfflineKubernetesActivities} for the {@code k8s.*} actions.
   */
  List<Object> activities() {
    return List.of(
        context.getBean(IncidentActivities.class),
        context.getBean(LeaseActivities.class),
        context.getBean(PagingActivities.class),
        context.getBean(DockerActivities.class),
        new OfflineKubernetesActivities(context.getBean(ActionJournal.class)));
  }

  @Override
  public void close() {
    dataSource.close();
    context.close();
  }
}
