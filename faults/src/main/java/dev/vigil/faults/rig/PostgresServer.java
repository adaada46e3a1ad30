package dev.vigil.faults.rig;

import dev.vigil.launcher.LocalPostgres;
import dev.vigil.temporaldev.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rig's PostgreSQL: the launcher's server (zonky's binaries, data on disk, {@code fsync} and
 * {@code synchronous_commit} on, as the Helm chart's users run it). The fault suite freezes it
 * (SIGSTOP to the postmaster and every backend), kills it (SIGKILL, no checkpoint) and starts it
 * again on the same data directory and port: crash recovery replays the WAL.
 */
public final class PostgresServer implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private LocalPostgres server;

  private PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  public static PostgresServer start(Path dataDir) {
    PostgresServer pg = new PostgresServer(dataDir, LoopbackPorts.free());
    pg.start();
    return pg;
  }

  public synchronized void start() {
    try {
      server = LocalPostgres.start(dataDir, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The postmaster and its backends (from {@code postmaster.pid}). */
  public List<Long> processes() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
      return OsSignals.tree(pid);
    } catch (IOException e) {
      throw new UncheckedIOException("no " + pidFile, e);
    }
  }

  /** SIGSTOP to every PostgreSQL process: connections stay open, nothing answers. */
  public void freeze() {
    OsSignals.stop(processes());
  }

  /**
   * SIGKILL to every PostgreSQL process (no shutdown checkpoint). The postmaster goes first, while
   * still frozen: resumed, it forks backends for the connections queued while it was frozen, which
   * are not in the list; one such backend waiting on a lock a killed one held never exits and keeps
   * the shared memory, and the restart fails ("pre-existing shared memory block is still in use").
   */
  public synchronized void kill() {
    List<Long> pids = processes(); // the postmaster first (none when it is already gone)
    int postmaster = Math.min(1, pids.size());
    OsSignals.kill(pids.subList(0, postmaster));
    List<Long> backends = pids.subList(postmaster, pids.size());
    // a stopped process still dies on SIGKILL; resume keeps logs readable
    OsSignals.resume(backends);
    OsSignals.kill(backends);
    try {
      server.close(); // zonky's pg_ctl stop fails (nothing runs); this releases its directory lock
    } catch (IOException | RuntimeException expected) {
      // the server is already gone
    }
  }

  /** The server's durability settings, as it reports them ({@code SHOW}). */
  public Map<String, String> durability() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement s = c.createStatement()) {
      for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
        try (ResultSet rs = s.executeQuery("show " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return settings;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + LocalPostgres.DATABASE;
  }

  public String user() {
    return "postgres";
  }

  /** Any password passes (local trust auth); services get a distinct one the log scan looks for. */
  public String password() {
    return "postgres";
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException | RuntimeException ignored) {
        // stopping
      }
    }
  }
}
