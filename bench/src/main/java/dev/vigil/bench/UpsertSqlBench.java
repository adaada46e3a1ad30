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
 * {@code resource_state}, each batch in its own transaction, as (a) ingest does it today — its own
 * {@code ResourceStateRepository.UPSERT} (read by reflection) as a JDBC batch, one statement per
 * row — and (b) one set-based {@code update ... from unnest(...)} statement. Same rows, same
 * database, a few warm-up batches first. The jsonb values are shaped like ingest's (one active
 * signal, one mark, labels) but written by hand.
 */
final class UpsertSqlBench {
  private static final int ROWS = 10_000;
  private static final int BATCH = 500;

  static final String SET_BASED =
      """
      update resource_state r set
             health_state = t.health_state,
             active_signals = t.active_signals::jsonb,
             signal_marks = t.signal_marks::jsonb,
             labels = t.labels::jsonb,
             last_event_timestamp = t.last_event_timestamp,
             last_transition_at = t.last_transition_at,
             next_expiry_at = t.next_expiry_at,
             updated_at = now()
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
             as t(id, health_state, active_signals, signal_marks, labels,
                  last_event_timestamp, last_transition_at, next_expiry_at)
       where r.id = t.id
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
    String upsert = ingestUpsert();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      seed(c);
      c.setAutoCommit(false);
      int warmup = Math.max(2, batches / 5);
      time(c, warmup, b -> perRow(c, upsert, b));
      time(c, warmup, b -> setBased(c, b));
      double perRow = time(c, batches, b -> perRow(c, upsert, b));
      double setBased = time(c, batches, b -> setBased(c, b));
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

  private void setBased(Connection c, List<Integer> rows) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    int n = rows.size();
    String[] ids = new String[n];
    String[] health = new String[n];
    String[] signals = new String[n];
    String[] marks = new String[n];
    String[] labels = new String[n];
    Timestamp[] last = new Timestamp[n];
    Timestamp[] none = new Timestamp[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Envelopes.resourceId(rows.get(i));
      health[i] = "Healthy";
      signals[i] = activeSignals(now);
      marks[i] = marks(now);
      labels[i] = "{}";
      last[i] = now;
    }
    try (PreparedStatement ps = c.prepareStatement(SET_BASED)) {
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("text", health));
      ps.setArray(3, c.createArrayOf("text", signals));
      ps.setArray(4, c.createArrayOf("text", marks));
      ps.setArray(5, c.createArrayOf("text", labels));
      ps.setArray(6, c.createArrayOf("timestamptz", last));
      ps.setArray(7, c.createArrayOf("timestamptz", none));
      ps.setArray(8, c.createArrayOf("timestamptz", none));
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

  private static String ingestUpsert() throws ReflectiveOperationException {
    var field =
        Class.forName("dev.vigil.ingest.state.ResourceStateRepository").getDeclaredField("UPSERT");
    field.setAccessible(true);
    return (String) field.get(null);
  }
}
