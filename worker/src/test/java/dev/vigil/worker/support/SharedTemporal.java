package dev.vigil.worker.support;

import dev.vigil.temporaldev.LocalTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;

/**
 * The one {@link LocalTemporal} test server of this JVM (real gRPC, real time), started on first
 * use on a free port, and a client of it for the test's own calls. Its search attributes are left
 * to the worker, which registers them at start as it does in production. Each test class uses its
 * own task queue, so workers of different classes never take each other's tasks.
 */
public final class SharedTemporal {
  private static LocalTemporal server;
  private static WorkflowServiceStubs stubs;

  private SharedTemporal() {}

  public static synchronized String target() {
    if (server == null) {
      server = LocalTemporal.startWithoutSearchAttributes(0);
      Runtime.getRuntime().addShutdownHook(new Thread(SharedTemporal::stop, "test-temporal-stop"));
    }
    return server.target();
  }

  /** A client of the test server, for starting workflows and reading histories. */
  public static synchronized WorkflowClient client() {
    if (stubs == null) {
      stubs = LocalTemporal.stubs(target());
    }
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(LocalTemporal.NAMESPACE).build());
  }

  private static synchronized void stop() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }
}
