package dev.vigil.worker.support;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The standalone Temporal test server on a free port (real gRPC, real time: time skipping locked),
 * started once per JVM, and a client of it for the test's own calls. Each test class uses its own
 * task queue, so workers of different classes never take each other's tasks.
 */
public final class TestTemporal {
  private static TestServer.PortBoundTestServer server;
  private static int port;
  private static WorkflowServiceStubs stubs;

  private TestTemporal() {}

  public static synchronized String target() {
    if (server == null) {
      port = freePort();
      server = TestServer.createPortBoundServer(port, true);
      Runtime.getRuntime().addShutdownHook(new Thread(TestTemporal::stop, "test-temporal-stop"));
    }
    return "127.0.0.1:" + port;
  }

  /** A client of the test server, for starting workflows and reading histories. */
  public static synchronized WorkflowClient client() {
    if (stubs == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    }
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** A port nothing listens on, for "Temporal unreachable". */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
