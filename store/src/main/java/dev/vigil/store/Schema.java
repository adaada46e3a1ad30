package dev.vigil.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies Vigil's Flyway migrations ({@code classpath:db/migration}). Services run them through
 * micronaut-flyway at start; tests, the launcher and the benchmarks call this directly.
 *
 * <p>Version ranges keep modules out of each other's way: core schema V1-V9, ingest V10-V19,
 * activities V20-V29, api V30-V39.
 */
public final class Schema {
  public static final String LOCATION = "classpath:db/migration";

  private Schema() {}

  /** Migrates the database to the newest schema; returns the number of migrations applied. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
