package dev.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.temporaldev.LoopbackPorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own PostgreSQL: a real server from Maven artifacts, data kept on disk (its Kafka
 * is kafka-dev's {@code LocalKafka}, tested there).
 */
class LocalInfrastructureTest {

  @Test
  @Timeout(120)
  void postgres_keepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
    int port = LoopbackPorts.free();
    try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          Statement s = c.createStatement()) {
        s.execute("create table kept (v text)");
        s.execute("insert into kept values ('still here')");
      }
    }
    try (LocalPostgres pg = LocalPostgres.start(dir, port);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select v from kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }
}
