package dev.vigil.platform.health;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.annotation.Readiness;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;

/** Readiness: PostgreSQL hands out a connection that answers within the timeout. */
@Context
@Readiness
@Requires(beans = DataSource.class)
public class PostgresProbe extends DependencyProbe {
  private final DataSource dataSource;

  /**
   * @param resolver unwraps Micronaut Data's contextual data source, which only hands out the
   *     connection of a surrounding transaction; the probe needs a connection of its own
   */
  public PostgresProbe(
      DataSource dataSource, @Nullable DataSourceResolver resolver, HealthConfig config) {
    super("postgresql", config);
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    start();
  }

  @Override
  protected void check(Duration timeout) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
      if (!c.isValid(seconds)) {
        throw new IllegalStateException("the connection did not validate");
      }
    }
  }
}
