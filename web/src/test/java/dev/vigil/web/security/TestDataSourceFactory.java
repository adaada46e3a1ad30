package dev.vigil.web.security;

import dev.vigil.testkit.TestPostgres;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** A real PostgreSQL database with Vigil's schema, for the audit log. */
@Factory
@Requires(property = "spec.name", value = "web-security")
class TestDataSourceFactory {
  static final TestPostgres.Database DB = TestPostgres.newDatabase("web_security");

  @Singleton
  @Named("default")
  DataSource dataSource() {
    return DB.dataSource();
  }
}
