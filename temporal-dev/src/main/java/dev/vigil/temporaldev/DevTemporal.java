package dev.vigil.temporaldev;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running local Temporal: the {@code temporal} CLI's dev server (SQLite file, Web UI) when the
 * CLI is on the PATH, else the official Java test server (in this JVM, no UI). Either way Vigil's
 * search attributes are registered before {@link #start} returns.
 */
public final class DevTemporal implements Closeable {
  /** Which server runs. */
  public enum Kind {
    CLI,
    TEST_SERVER
  }

  private final Kind kind;
  private final int port;
  private final Integer uiPort;
  private final Process process;
  private final LocalTemporal testServer;

  private DevTemporal(
      Kind kind, int port, Integer uiPort, Process process, LocalTemporal testServer) {
    this.kind = kind;
    this.port = port;
    this.uiPort = uiPort;
    this.process = process;
    this.testServer = testServer;
  }

  /**
   * Starts a server and registers the search attributes.
   *
   * @param port frontend port (7233 by convention)
   * @param uiPort Web UI port for the CLI (8233 by convention)
   * @param dataDir where the CLI keeps its SQLite file (survives restarts)
   * @param preferCli use the CLI when it is on the PATH
   */
  public static DevTemporal start(int port, int uiPort, Path dataDir, boolean preferCli)
      throws IOException {
    Optional<Path> cli = preferCli ? findCli() : Optional.empty();
    if (cli.isEmpty()) {
      // in this JVM: listening and registered once it returns
      return new DevTemporal(Kind.TEST_SERVER, port, null, null, LocalTemporal.start(port));
    }
    Files.createDirectories(dataDir);
    ProcessBuilder pb =
        new ProcessBuilder(cliCommand(cli.get(), port, uiPort, dataDir.resolve("temporal.db")))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("temporal.log").toFile());
    DevTemporal server = new DevTemporal(Kind.CLI, port, uiPort, pb.start(), null);
    try {
      server.awaitPort(Duration.ofSeconds(120));
      server.registerSearchAttributes();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The command line of {@code temporal server start-dev}, loopback only. */
  static List<String> cliCommand(Path cli, int port, int uiPort, Path dbFile) {
    List<String> cmd = new ArrayList<>();
    // its own session, so a terminal's Ctrl-C reaches only the launcher, which stops it in order
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      cmd.add(setsid.toString());
    }
    cmd.add(cli.toString());
    cmd.addAll(
        List.of(
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--db-filename",
            dbFile.toString(),
            "--log-level",
            "warn"));
    return cmd;
  }

  /** The {@code temporal} executable on the PATH, if any. */
  public static Optional<Path> findCli() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "temporal");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public Kind kind() {
    return kind;
  }

  public String target() {
    return LocalTemporal.loopback(port);
  }

  /** The Web UI, present only with the CLI. */
  public Optional<String> uiUrl() {
    return uiPort == null ? Optional.empty() : Optional.of("http://127.0.0.1:" + uiPort);
  }

  /** Registers Vigil's search attributes in the {@code default} namespace; returns those added. */
  public Map<String, ?> registerSearchAttributes() {
    return LocalTemporal.registerSearchAttributes(target());
  }

  /** Waits for the CLI's dev server to listen (it starts in a second or two). */
  private void awaitPort(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("temporal server start-dev exited with " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for Temporal", e);
        }
      }
    }
    throw new IOException("Temporal did not open " + target() + " within " + timeout);
  }

  @Override
  public void close() {
    if (testServer != null) {
      testServer.close();
    }
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
