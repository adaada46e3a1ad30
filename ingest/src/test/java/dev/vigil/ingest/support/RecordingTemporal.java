package dev.vigil.ingest.support;

import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalTemporal} test server on a fixed loopback port, with a worker on {@code
 * vigil-remediation} running {@link ObservationRecordingWorkflow}. {@link #stop()} and {@link
 * #start()} take both down and bring them back on the same port, as an outage would.
 */
public final class RecordingTemporal implements AutoCloseable {
  private final LocalTemporal server;
  private WorkflowServiceStubs stubs;
  private WorkerFactory workers;

  private RecordingTemporal(LocalTemporal server) {
    this.server = server;
  }

  public static RecordingTemporal started() {
    RecordingTemporal temporal = new RecordingTemporal(LocalTemporal.start(0));
    temporal.startWorker();
    return temporal;
  }

  public String target() {
    return server.target();
  }

  public synchronized void start() {
    server.start();
    startWorker();
  }

  private void startWorker() {
    stubs = server.newStubs();
    workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    workers
        .newWorker(WorkflowIds.TASK_QUEUE)
        .registerWorkflowImplementationTypes(ObservationRecordingWorkflow.class);
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
    server.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
