package dev.vigil.worker.support;

import dev.vigil.testkit.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/** Configuration of a worker context under test: the test server, a test database, test beans. */
public final class WorkerContexts {
  private WorkerContexts() {}

  /**
   * A worker named {@code workerName} on {@code taskQueue} against the test server and {@code db},
   * with the slow Docker activity and the probe workflow, a random HTTP port, and no sticky queue
   * (see {@link NonStickyStubsFactory}).
   */
  public static Map<String, Object> properties(
      String taskQueue, TestPostgres.Database db, String workerName) {
    Map<String, Object> props = new HashMap<>();
    props.put("vigil.temporal.target", SharedTemporal.target());
    props.put("vigil.temporal.task-queue", taskQueue);
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    props.put("datasources.default.maximum-pool-size", 4);
    props.put("micronaut.server.port", -1);
    props.put("vigil.worker.metrics.report-interval", "100ms");
    props.put("vigil.worker.shutdown-grace", "10s");
    props.put("test.worker-name", workerName);
    props.put("test.activities.docker", "slow");
    props.put("test.workflows.probe", "true");
    props.put("test.temporal.sticky", "off");
    return props;
  }
}
