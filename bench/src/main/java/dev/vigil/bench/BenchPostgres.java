package dev.vigil.bench;

import dev.vigil.store.Schema;
import dev.vigil.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's PostgreSQL, durable as users run it: {@code fsync} and {@code synchronous_commit}
 * on (the tests' server has both off, and zonky turns synchronous commit off by default), every
 * other setting at PostgreSQL's defaults. {@link #settings()} is what the table's header prints.
 */
final class BenchPostgres implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final EmbeddedPostgres server;

  private BenchPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  static BenchPostgres start() {
    try {
      return new BenchPostgres(
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "300")
              .setPGStartupWait(java.time.Duration.ofSeconds(120))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the benchmark's PostgreSQL", e);
    }
  }

  /** A new database with Vigil's schema. */
  TestPostgres.Database newDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + name, e);
    }
    TestPostgres.Database db =
        new TestPostgres.Database("127.0.0.1", server.getPort(), name, "postgres", "postgres");
    Schema.migrate(db.dataSource());
    return db;
  }

  /**
   * The server's process (the postmaster; its children are the backends), whose CPU time the paced
   * runs report: the first line of {@code postmaster.pid} in its data directory. Null where it
   * cannot be read.
   */
  ProcessHandle process() {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show data_directory")) {
      rs.next();
      String pid = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).getFirst();
      return ProcessHandle.of(Long.parseLong(pid.trim())).orElse(null);
    } catch (SQLException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** The durability settings as the server reports them. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String name :
          List.of(
              "server_version",
              "fsync",
              "synchronous_commit",
              "full_page_writes",
              "wal_sync_method")) {
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

  @Override
  public void close() throws IOException {
    server.close();
  }
}
