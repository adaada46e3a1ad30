package dev.vigil.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies Vigil's Flyway migrations ({@code classpath:db/migration}). Services run them through
 * micronaut-flyway at start; tests, the launcher and the benchmarks call this directly.
 *
 * <p>V1-V30 were numbered by module (core V1-V9, ingest V10-V19, activities V20-V29, api V30-V39).
 * From V31 on there is one sequence, whichever module a migration serves: Flyway applies versions
 * in order and refuses one below a database's newest (a V13 written after V30 would stop every
 * upgraded installation at start).
 */
public final class Schema {
  public static final String LOCATION = "classpath:db/migration";

  private Schema() {}

  /** Migrates the database to the newest schema; returns the number of migrations applied. */
  public static int migrate(DataSource dataSource) {
    return configure(dataSource).load().migrate().migrationsExecuted;
  }

  /**
   * Migrates the database up to {@code version} and no further (tests of a migration's effect on
   * rows written before it); returns the number of migrations applied.
   */
  public static int migrateTo(DataSource dataSource, String version) {
    return configure(dataSource).target(version).load().migrate().migrationsExecuted;
  }

  private static FluentConfiguration configure(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations(LOCATION);
  }
}
