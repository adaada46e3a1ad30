package dev.vigil.api.support;

import dev.vigil.testkit.TestPostgres;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Properties every API test shares: a fresh migrated PostgreSQL database per test class, a random
 * port, and (from {@code application-test.yml}) the test tokens and short intervals.
 */
public abstract class ApiTestBase implements TestPropertyProvider {
  public static final String READER = "reader-token";
  public static final String OPERATOR = "operator-token";
  public static final String APPROVER = "approver-token";

  /** Subject {@code dash}: state:read and action:write. */
  public static final String ACTOR = "action-token";

  protected final TestPostgres.Database db = TestPostgres.newDatabase(getClass().getSimpleName());
  protected final Seed seed = new Seed(db);

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>();
    p.put("datasources.default.url", db.jdbcUrl());
    p.put("datasources.default.username", db.user());
    p.put("datasources.default.password", db.password());
    p.put("micronaut.server.port", "-1");
    p.put("vigil.api.grpc.port", "0");
    return p;
  }
}
