package dev.vigil.launcher.demo.live;

import dev.vigil.kafkadev.ChildSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the live demo runs (HAProxy, Prometheus, Alertmanager, hey): in its own session so a
 * terminal's Ctrl-C reaches only the demo, output to a log file, stopped with SIGTERM and killed
 * when it does not exit in time.
 */
final class ChildProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;

  private final Thread stopAtExit;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    // in its own session the program would outlive a JVM that exits without closing it
    this.stopAtExit = new Thread(process::destroyForcibly, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  static ChildProcess start(String name, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(ChildSession.prefix());
    cmd.addAll(command);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildProcess(name, p, log);
  }

  /** Starts the program and waits until {@code readyUrl} answers 200; stops it if it does not. */
  static ChildProcess startReady(
      String name, List<String> command, Path log, URI readyUrl, Duration timeout)
      throws IOException, InterruptedException {
    ChildProcess p = start(name, command, log);
    try {
      p.awaitHttpOk(readyUrl, timeout);
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  /**
   * Polls {@code url} until it answers 200; fails early (with the log's tail) if the child exits.
   */
  void awaitHttpOk(URI url, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + ": " + tail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(200);
    }
    throw new IOException(name + " not ready at " + url + " within " + timeout + ": " + last);
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Sends a signal by name ({@code INT}, {@code TERM}); the pid is the program's own (setsid
   * execs).
   */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
        .redirectErrorStream(true)
        .start()
        .waitFor(5, TimeUnit.SECONDS);
  }

  /** Waits up to {@code timeout} for the program to exit on its own. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Path log() {
    return log;
  }

  /** The last lines of the log, so a failure says why without a trip to the file. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
          + "\n(full log: "
          + log
          + ")";
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException exiting) {
      // the JVM is exiting: the hook runs anyway
    }
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
