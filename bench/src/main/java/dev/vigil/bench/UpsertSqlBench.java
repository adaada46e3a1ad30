package dev.vigil.bench;

import dev.vigil.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scenario 5, the ingest's hot statement alone: rows/s of writing 500 folded rows of a 10,000-row
 * {@code resource_state}, each batch in its own transaction, as (a) ingest did it before — one
 * {@code insert ... on conflict do update} per row in a JDBC batch ({@link #PER_ROW_UPSERT}) — and
 * (b) as it does now: {@code ResourceStateRepository.UPDATE} (read by reflection), one set-based
 * {@code update ... from unnest(...)} statement. Same rows, same database, a few warm-up batches
 * first. The jsonb values are shaped like ingest's (one active signal, one mark, labels) but
 * written by hand.
 */
final class UpsertSqlBench {
  private static final int ROWS = 10_000;
  private static final int BATCH = 500;

  /** The statement ingest ran per row before it switched to one set-based update per batch. */
  static final String PER_ROW_UPSERT =
      """
      insert into resource_state as r
             (id, type, cluster, namespace, name, component, health_state, active_signals,
              signal_marks, labels, last_event_timestamp, last_transition_at, next_expiry_at,
              updated_at)
      values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, now())
      on conflict (id) do update set
             type = excluded.type,
             cluster = excluded.cluster,
             namespace = excluded.namespace,
             component = excluded.component,
             health_state = excluded.health_state,
             active_signals = excluded.active_signals,
             signal_marks = excluded.signal_marks,
             labels = excluded.labels,
             last_event_timestamp = excluded.last_event_timestamp,
             last_transition_at = excluded.last_transition_at,
             next_expiry_at = excluded.next_expiry_at,
             updated_at = now()
      """;

  record Result(double perRowStatementsRowsPerSecond, double setBasedRowsPerSecond, int batches) {}

  private final int batches;
  private final Random random = new Random(42);
  private long counter;

  UpsertSqlBench(int batches) {
    this.batches = batches;
  }

  Result run() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase("bench_upsert");
    String update = ingestUpdate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      seed(c);
      c.setAutoCommit(false);
      int warmup = Math.max(2, batches / 5);
      time(c, warmup, b -> perRow(c, PER_ROW_UPSERT, b));
      time(c, warmup, b -> setBased(c, update, b));
      double perRow = time(c, batches, b -> perRow(c, PER_ROW_UPSERT, b));
      double setBased = time(c, batches, b -> setBased(c, update, b));
      return new Result(perRow, setBased, batches);
    }
  }

  private interface Writer {
    void write(List<Integer> rows) throws SQLException;
  }

  private double time(Connection c, int n, Writer writer) throws SQLException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      writer.write(batch());
      c.commit();
    }
    return (double) n * BATCH / ((System.nanoTime() - start) / 1e9);
  }

  private List<Integer> batch() {
    List<Integer> rows = new ArrayList<>(BATCH);
    int offset = random.nextInt(ROWS);
    for (int i = 0; i < BATCH; i++) {
      rows.add((offset + i * (ROWS / BATCH)) % ROWS);
    }
    rows.sort(Integer::compare);
    return rows;
  }

  private void perRow(Connection c, String sql, List<Integer> rows) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int row : rows) {
        ps.setString(1, Envelopes.resourceId(row));
        ps.setString(2, "k8s/Pod");
        ps.setString(3, "bench");
        ps.setString(4, "ns");
        ps.setString(5, "pod-" + row);
        ps.setString(6, null);
        ps.setString(7, "Healthy");
        ps.setString(8, activeSignals(now));
        ps.setString(9, marks(now));
        ps.setString(10, "{}");
        ps.setTimestamp(11, now);
        ps.setTimestamp(12, null);
        ps.setTimestamp(13, null);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void setBased(Connection c, String sql, List<Integer> rows) throws SQLException {
    String now = Instant.now().toString();
    int n = rows.size();
    String[][] columns = new String[12][n];
    for (int i = 0; i < n; i++) {
      int row = rows.get(i);
      columns[0][i] = Envelopes.resourceId(row);
      columns[1][i] = "k8s/Pod";
      columns[2][i] = "bench";
      columns[3][i] = "ns";
      columns[4][i] = null;
      columns[5][i] = "Healthy";
      columns[6][i] = activeSignals(Timestamp.from(Instant.parse(now)));
      columns[7][i] = marks(Timestamp.from(Instant.parse(now)));
      columns[8][i] = "{}";
      columns[9][i] = now;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int column = 0; column < columns.length; column++) {
        ps.setArray(column + 1, c.createArrayOf("text", columns[column]));
      }
      ps.executeUpdate();
    }
  }

  private String activeSignals(Timestamp now) {
    return "[{\"code\":\"Alert\",\"reason\":\"Heartbeat\",\"count\":"
        + (++counter)
        + ",\"severity\":\"info\",\"firstSeen\":\"2026-11-23T10:00:00Z\",\"lastSeen\":\""
        + now.toInstant()
        + "\",\"message\":\"bench signal\"}]";
  }

  private static String marks(Timestamp now) {
    return "{\"Alert|Heartbeat\":{\"status\":\"FIRING\",\"observedAt\":\""
        + now.toInstant()
        + "\"}}";
  }

  private static void seed(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "insert into resource_state (id, type, cluster, namespace, name, health_state)"
              + " select 'k8s/bench/ns/Pod/pod-' || g, 'k8s/Pod', 'bench', 'ns', 'pod-' || g,"
              + " 'Healthy' from generate_series(0, "
              + (ROWS - 1)
              + ") g");
      s.execute("analyze resource_state");
    }
  }

  private static String ingestUpdate() throws ReflectiveOperationException {
    var field =
        Class.forName("dev.vigil.ingest.state.ResourceStateRepository").getDeclaredField("UPDATE");
    field.setAccessible(true);
    return (String) field.get(null);
  }
}
