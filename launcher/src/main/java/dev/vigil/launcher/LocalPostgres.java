package dev.vigil.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL for local runs from Maven artifacts (zonky's embedded binaries): data kept under the
 * launcher's data directory, so state survives a restart; loopback only. Durable as users run it:
 * {@code fsync} and {@code synchronous_commit} on (zonky turns the latter off by default), so a
 * commit acknowledged to Vigil survives a crash of the server.
 */
public final class LocalPostgres implements Closeable {
  public static final String DATABASE = "vigil";

  private final EmbeddedPostgres server;

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * How long the server may take to accept connections: initdb plus crash recovery on a busy 2-core
   * machine takes far longer than zonky's 10 s default.
   */
  static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

  public static LocalPostgres start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    Path log = logFile(dataDir);
    EmbeddedPostgres server;
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              // the launcher stops PostgreSQL itself, after the services that use it
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "PostgreSQL (embedded, 127.0.0.1:"
              + port
              + ", data "
              + dataDir
              + ") did not start within "
              + STARTUP_WAIT.toSeconds()
              + " s: "
              + e.getMessage()
              + "; its log: "
              + log,
          e);
    }
    LocalPostgres pg = new LocalPostgres(server);
    pg.ensureDatabase();
    return pg;
  }

  private void ensureDatabase() throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE, e);
    }
  }

  /** The server's log, beside (not inside) its data directory. */
  public static Path logFile(Path dataDir) {
    return dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".log");
  }

  public int port() {
    return server.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  public String user() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
