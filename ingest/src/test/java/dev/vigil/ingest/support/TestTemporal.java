package dev.vigil.ingest.support;

import dev.vigil.workflows.client.SearchAttributeRegistrar;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's standalone test server on a fixed loopback port, with a worker on {@code
 * vigil-remediation} running {@link RecordingRemediationWorkflow}. {@link #stop()} and {@link
 * #start()} take it down and bring it back on the same port, as an outage would.
 */
public final class TestTemporal implements AutoCloseable {
  private final int port;
  private TestServer.PortBoundTestServer server;
  private WorkflowServiceStubs stubs;
  private WorkerFactory workers;

  private TestTemporal(int port) {
    this.port = port;
  }

  public static TestTemporal started() {
    TestTemporal temporal = new TestTemporal(freePort());
    temporal.start();
    return temporal;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public synchronized void start() {
    server = TestServer.createPortBoundServer(port);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    SearchAttributeRegistrar.ensureRegistered(operator, "default");
    workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    workers
        .newWorker(WorkflowIds.TASK_QUEUE)
        .registerWorkflowImplementationTypes(RecordingRemediationWorkflow.class);
    workers.start();
  }

  public synchronized void stop() {
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(5, TimeUnit.SECONDS);
      workers = null;
    }
    if (stubs != null) {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
      stubs = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
