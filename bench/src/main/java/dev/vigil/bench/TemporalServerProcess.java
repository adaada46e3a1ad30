package dev.vigil.bench;

import dev.vigil.workflows.client.SearchAttributeRegistrar;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's standalone Java test server in a child JVM (same classpath as this one), so the heap
 * and threads measured in this JVM are the client's and the worker's only.
 */
final class TemporalServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  final WorkflowServiceStubs stubs;

  private TemporalServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    SearchAttributeRegistrar.ensureRegistered(operator, "default");
  }

  static TemporalServerProcess start(Path logFile) {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Process process =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Xmx2g",
                      "-cp",
                      System.getProperty("java.class.path"),
                      "io.temporal.testserver.TestServer",
                      Integer.toString(port)))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!answers(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Temporal test server did not start; see " + logFile.toAbsolutePath());
        }
        Thread.sleep(100);
      }
      return new TemporalServerProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static File tempLog(String name) {
    try {
      File file = File.createTempFile(name, ".log");
      file.deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    try {
      stubs.awaitTermination(5, TimeUnit.SECONDS);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
