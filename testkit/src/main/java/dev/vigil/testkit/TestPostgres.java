package dev.vigil.testkit;

import dev.vigil.store.Schema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (zonky embedded binaries, started once per JVM) that hands each test
 * class its own freshly migrated database, so tests never see each other's rows.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A new empty database with Vigil's schema applied. */
  public static Database newDatabase(String prefix) {
    Database db = newEmptyDatabase(prefix);
    Schema.migrate(db.dataSource());
    return db;
  }

  /**
   * A new empty database with Vigil's schema applied up to {@code version} only: a test writes rows
   * as the older code did, then migrates on ({@code Schema.migrate}) and reads them back.
   */
  public static Database newDatabaseAt(String prefix, String version) {
    Database db = newEmptyDatabase(prefix);
    Schema.migrateTo(db.dataSource(), version);
    return db;
  }

  private static Database newEmptyDatabase(String prefix) {
    EmbeddedPostgres pg = server();
    String name =
        (prefix.replaceAll("[^a-zA-Z0-9]", "_")
                + "_"
                + DATABASES.incrementAndGet()
                + "_"
                + ProcessHandle.current().pid())
            .toLowerCase(java.util.Locale.ROOT);
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new Database("127.0.0.1", pg.getPort(), name, "postgres", "postgres");
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
    }
    return server;
  }

  private static synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // the JVM is exiting; zonky cleans its directory on next start
      }
      server = null;
    }
  }

  /** Connection facts of one test database. */
  public record Database(String host, int port, String name, String user, String password) {
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public DataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(jdbcUrl());
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    }
  }
}
