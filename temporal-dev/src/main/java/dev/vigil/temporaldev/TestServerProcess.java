package dev.vigil.temporaldev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's standalone Java test server in a child JVM (this JVM's classpath, which must hold
 * {@code temporal-test-server}), with Vigil's search attributes registered. Being a process of its
 * own, it can be measured apart from its clients (the bench) and killed and started again on the
 * same port (the fault suite). The test server keeps its state in memory: a restart starts empty.
 * The same server inside this JVM is {@link LocalTemporal}.
 */
public final class TestServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final int port;
  private final Path log;
  private final String maxHeap;
  private Process process;

  private TestServerProcess(int port, Path log, String maxHeap) {
    this.port = port;
    this.log = log;
    this.maxHeap = maxHeap;
  }

  /**
   * Starts a server on {@code port} (0: a free one), appending its output to {@code log}, and
   * registers the search attributes.
   */
  public static TestServerProcess start(int port, Path log, String maxHeap) {
    TestServerProcess server =
        new TestServerProcess(port == 0 ? LoopbackPorts.free() : port, log, maxHeap);
    server.start();
    return server;
  }

  /** Starts the process again after {@link #kill} or {@link #stop} (empty: no workflows). */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the Temporal test server is running");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.temporal.testserver.TestServer");
    cmd.add(Integer.toString(port));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Temporal test server", e);
    }
    awaitPort();
    LocalTemporal.registerSearchAttributes(target());
  }

  private void awaitPort() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Temporal test server exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "the Temporal test server did not open port "
                  + port
                  + " within "
                  + START_TIMEOUT
                  + "; see "
                  + log);
        }
        sleep(100);
      }
    }
  }

  public String target() {
    return LocalTemporal.loopback(port);
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: the server vanishes at once, with every workflow it held. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(10))) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal test server", e);
    }
  }
}
