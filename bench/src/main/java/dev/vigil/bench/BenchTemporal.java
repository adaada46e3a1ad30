package dev.vigil.bench;

import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.temporaldev.TestServerProcess;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/** The bench's connection to the Temporal test server child process (scenarios 2 and 4). */
final class BenchTemporal implements AutoCloseable {
  final WorkflowServiceStubs stubs;
  private final String target;

  BenchTemporal(TestServerProcess server) {
    this.target = server.target();
    this.stubs = LocalTemporal.stubs(target);
  }

  String target() {
    return target;
  }

  @Override
  public void close() throws InterruptedException {
    stubs.shutdownNow();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
  }
}
