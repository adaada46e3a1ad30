package dev.vigil.faults.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Vigil service (ingest, api or worker) as its own JVM, started the way the image starts it:
 * {@code java -cp <the module's runtime classpath> <main class>}, configured by environment
 * variables. Each start writes a log file of its own ({@code <name>-<n>.log}, JSON lines), so the
 * suite can read every line a run produced.
 */
public final class ServiceProcess implements AutoCloseable {
  /** Which service, its Maven module and main class. */
  public enum Kind {
    INGEST("ingest", "dev.vigil.ingest.IngestApplication"),
    API("api", "dev.vigil.api.ApiApplication"),
    WORKER("worker", "dev.vigil.worker.WorkerApplication");

    final String module;
    final String mainClass;

    Kind(String module, String mainClass) {
      this.module = module;
      this.mainClass = mainClass;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Kind kind;
  private final String name;
  private final Path repo;
  private final Path logDir;
  private final int port;
  private final Map<String, String> env;
  private final List<String> jvmOptions;
  private final List<Path> logs = new ArrayList<>();
  private Process process;

  public ServiceProcess(
      Kind kind,
      String name,
      Path repo,
      Path logDir,
      int port,
      Map<String, String> env,
      List<String> jvmOptions) {
    this.kind = kind;
    this.name = name;
    this.repo = repo;
    this.logDir = logDir;
    this.port = port;
    this.env = new LinkedHashMap<>(env);
    this.env.put("VIGIL_HTTP_HOST", "127.0.0.1");
    this.env.put("VIGIL_HTTP_PORT", Integer.toString(port));
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** The module's {@code target/classes} and its runtime dependencies, as Maven resolved them. */
  static String classpath(Path repo, String module) {
    Path target = repo.resolve(module).resolve("target");
    Path file = target.resolve("runtime-classpath.txt");
    if (!Files.isRegularFile(file) || !Files.isDirectory(target.resolve("classes"))) {
      throw new IllegalStateException(
          "no "
              + file
              + ": build the services first (./mvnw package -pl faults -am -DskipTests; ./vigil"
              + " faults does it)");
    }
    try {
      return target.resolve("classes") + java.io.File.pathSeparator + Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized ServiceProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath(repo, kind.module));
    cmd.add(kind.mainClass);
    Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      Files.createDirectories(logDir);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    logs.add(log);
    return this;
  }

  /** Waits until {@code /health/readiness} answers 200; returns how long that took. */
  public Duration awaitReady(Duration timeout) {
    return Pause.until(
        name + " ready (log " + currentLog() + ")",
        timeout,
        () -> {
          if (!isAlive()) {
            throw new IllegalStateException(name + " exited; see " + currentLog());
          }
          return readiness().statusCode() == 200;
        });
  }

  /** GET /health/readiness with a 2 s timeout. */
  public HttpResponse<String> readiness() {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness"))
              .timeout(Duration.ofSeconds(2))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGKILL, as the OOM killer or a node failure would. Returns once the process is gone: kill(1)
   * only sends the signal, and a start right after it would find the old process still alive.
   */
  public synchronized void kill9() {
    if (process != null && process.isAlive()) {
      OsSignals.kill(List.of(process.pid()));
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** SIGTERM and a graceful stop (up to 60 s, then SIGKILL). */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** How many times this service was started (1 = never restarted). */
  public synchronized int starts() {
    return logs.size();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String name() {
    return name;
  }

  public synchronized Path currentLog() {
    return logs.isEmpty() ? logDir.resolve(name + "-1.log") : logs.getLast();
  }

  /** Every log file this service wrote, one per start. */
  public synchronized List<Path> logs() {
    return List.copyOf(logs);
  }

  @Override
  public void close() {
    stop();
  }
}
