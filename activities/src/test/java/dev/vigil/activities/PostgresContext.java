package dev.vigil.activities;

import dev.vigil.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/**
 * A Micronaut context of this module's beans over a fresh, migrated PostgreSQL database (testkit's
 * embedded server), for the state-record tests.
 */
public final class PostgresContext {
  private PostgresContext() {}

  public static ApplicationContext start(
      TestPostgres.Database db, Map<String, Object> properties, Object... singletons) {
    Map<String, Object> all = new HashMap<>();
    all.put("datasources.default.url", db.jdbcUrl());
    all.put("datasources.default.username", db.user());
    all.put("datasources.default.password", db.password());
    all.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    all.put("datasources.default.dialect", "POSTGRES");
    all.put("datasources.default.maximum-pool-size", 12);
    all.putAll(properties);
    return ApplicationContext.builder().properties(all).singletons(singletons).start();
  }
}
