package dev.vigil.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.vigil.temporaldev.TestServerProcess;
import dev.vigil.workflows.history.HistoryCost;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every scenario once, on this machine, and prints one table: {@code ./vigil bench [--events N
 * --resources M ...]} (see {@link BenchOptions}). Kafka is a broker in a child JVM (kafka-dev),
 * PostgreSQL the embedded server, Temporal the test server (a child process for the storm and the
 * memory scenario, the time-skipping one for workflow cost).
 */
public final class BenchMain {
  private static final double MIB = 1024 * 1024;

  private BenchMain() {}

  /** The benchmark's own log configuration (warnings on stderr), unless one is given. */
  static final String LOGBACK = "logback.configurationFile";

  public static void main(String[] args) throws Exception {
    quietLogs();
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<Row> rows = run(options);
    System.out.println(table(options, rows));
    System.exit(0);
  }

  /** Call before the first logger is created. */
  public static void quietLogs() {
    if (System.getProperty(LOGBACK) == null) {
      System.setProperty(LOGBACK, "bench-logback.xml");
    }
  }

  /** What every scenario measured. */
  record Results(
      WorkflowCostBench.Result cost,
      IngestBench.Result ingest,
      WorkerMemoryBench.Result memory,
      Map<String, String> postgres) {}

  /** Runs the scenarios; the rows of the table. */
  public static List<Row> run(BenchOptions options) throws Exception {
    return rows(measure(options));
  }

  /** The PostgreSQL settings of the last {@link #measure} run, for the table's header. */
  static Map<String, String> postgresSettings = Map.of();

  /** The broker's log directory of the last {@link #measure} run, for the table's header. */
  static String kafkaLog = "";

  static Results measure(BenchOptions options) throws Exception {
    Bench.log("options %s", options);
    Bench.log("scenario 3: workflow cost (time-skipping test server)");
    WorkflowCostBench.Result cost = new WorkflowCostBench().run();

    Bench.log("starting the Temporal test server (child process)");
    Path log = Files.createTempFile("bench-temporal", ".log");
    log.toFile().deleteOnExit();
    Bench.log("starting Kafka (child process) and PostgreSQL");
    try (BenchKafka kafka = BenchKafka.start();
        BenchPostgres postgres = BenchPostgres.start();
        TestServerProcess temporal = TestServerProcess.start(0, log, "2g");
        BenchTemporal client = new BenchTemporal(temporal)) {
      postgresSettings = postgres.settings();
      kafkaLog = kafka.logDir();
      Bench.log("PostgreSQL %s; Kafka's log in %s", postgresSettings, kafkaLog);
      Bench.log("scenarios 1 and 2: ingest and storm");
      IngestBench.Result ingest = new IngestBench(options, kafka, postgres, client).run();

      Bench.log("scenario 4: worker memory, %,d open workflows", options.openWorkflows());
      WorkerMemoryBench.Result memory =
          new WorkerMemoryBench(client, options.openWorkflows()).run();
      return new Results(cost, ingest, memory, postgresSettings);
    }
  }

  static List<Row> rows(Results results) {
    List<Row> rows = new ArrayList<>();
    ingestRows(rows, results.ingest());
    costRows(rows, "one-rung repair", results.cost().oneRung(), true);
    costRows(rows, "3 rungs -> TERMINAL", results.cost().threeRungs(), false);
    memoryRows(rows, results.memory());
    return rows;
  }

  /**
   * A rate from first to last commit, or "n/a" when there was no interval to measure (a stream so
   * small that one poll committed all of it: the smoke scale).
   */
  static String rate(double eventsPerSecond, double seconds) {
    if (!Double.isFinite(eventsPerSecond) || seconds <= 0) {
      return "n/a (all committed at once, %.1f s)".formatted(Math.max(seconds, 0));
    }
    return "%,.0f ev/s (%.1f s)".formatted(eventsPerSecond, seconds);
  }

  private static void ingestRows(List<Row> rows, IngestBench.Result r) {
    String s1 = "1 ingest";
    rows.add(
        Row.info(
            s1,
            "events produced / applied",
            "%,d / %,d (produce %.1f s)".formatted(r.produced(), r.applied(), r.produceSeconds())));
    rows.add(
        Row.target(
            s1,
            "ingest rate (first->last commit)",
            rate(r.ingestRate(), r.ingestSeconds()),
            ">= 50,000 ev/s",
            r.ingestRate() >= 50_000));
    rows.add(Row.info(s1, "bare consumer (parse only)", "%,.0f ev/s".formatted(r.bareRate())));
    double ratio = r.ingestRate() / r.bareRate();
    rows.add(Row.target(s1, "ingest / bare", "%.2f".formatted(ratio), ">= 0.70", ratio >= 0.7));
    rows.add(
        Row.info(
            s1,
            "paced rate for latency (half)",
            "%,.0f ev/s, %,d probes".formatted(r.latencyRate(), r.probes())));
    rows.add(Row.info(s1, "latency p50 event -> state", "%.0f ms".formatted(r.p50Millis())));
    rows.add(
        Row.target(
            s1,
            "latency p99 event -> state",
            "%.0f ms (max %.0f)".formatted(r.p99Millis(), r.maxMillis()),
            "< 250 ms",
            r.paced().meetsTarget()));
    rows.add(Row.info(s1, "CPU in the measured window", r.paced().cpu().describe()));
    rows.add(
        Row.info(
            s1,
            "latency p99 in the warm-up (not counted)",
            Double.isNaN(r.paced().warmupP99Millis())
                ? "no warm-up"
                : "%.0f ms".formatted(r.paced().warmupP99Millis())));
    if (!r.sweep().isEmpty()) {
      rows.add(
          Row.info(
              s1,
              "latency sweep: p99 at lower rates",
              String.join(
                  "; ",
                  r.sweep().stream()
                      .map(
                          p ->
                              "%,.0f ev/s %.0f ms (machine %s busy)"
                                  .formatted(
                                      p.rate(), p.p99Millis(), CpuUse.percent(p.cpu().machine())))
                      .toList())));
    }
    IngestBench.Paced sustained = r.sustained();
    rows.add(
        Row.info(
            s1,
            "highest paced rate with p99 < 250 ms",
            sustained == null
                ? "none found"
                : "%,.0f ev/s (%.2f of the ingest rate; p50 %.0f, p99 %.0f ms)"
                    .formatted(
                        sustained.rate(),
                        sustained.rate() / r.ingestRate(),
                        sustained.p50Millis(),
                        sustained.p99Millis())));
    rows.add(
        Row.info(
            s1,
            "2 instances, one group: rate",
            "%s, %,d of %,d applied; 1 instance: %s"
                .formatted(
                    rate(r.twoInstanceRate(), r.twoInstanceSeconds()),
                    r.twoInstanceApplied(),
                    r.produced(),
                    rate(r.ingestRate(), r.ingestSeconds()))));
    String s2 = "2 storm";
    rows.add(
        Row.info(
            s2,
            "health transitions (outbox)",
            "%,d (%,d to Unhealthy; %,d resources Unhealthy)"
                .formatted(r.transitions(), r.unhealthyTransitions(), r.unhealthyResources())));
    rows.add(
        Row.info(s2, "Temporal calls by the relay", r.temporalCalls() + " " + r.callsByKind()));
    rows.add(
        Row.target(
            s2,
            "calls / transitions",
            "%.3f".formatted(r.callsPerTransition()),
            "<= 1.05 (1.0)",
            r.callsPerTransition() <= 1.05));
    rows.add(
        Row.target(
            s2,
            "workflow ids / max runs per id",
            "%,d / %d".formatted(r.workflowIds(), r.maxRunsPerResource()),
            "max 1 run per resource",
            r.maxRunsPerResource() <= 1 && r.workflowIds() == r.unhealthyResources()));
  }

  private static void costRows(List<Row> rows, String name, HistoryCost c, boolean targets) {
    String s3 = "3 workflow cost";
    String detail =
        "signals %d, activities %d (attempts %d), local %d in %d tasks, timers %d, upserts %d"
            .formatted(
                c.signals(),
                c.activities(),
                c.activityAttempts(),
                c.localActivities(),
                c.workflowTasksWithLocalActivities(),
                c.timers(),
                c.upserts());
    if (targets) {
      rows.add(
          Row.target(s3, name + ": history events", "" + c.events(), "<= 40", c.events() <= 40));
      rows.add(
          Row.target(
              s3,
              name + ": billable actions",
              "" + c.billableActions(),
              "<= 12",
              c.billableActions() <= 12));
    } else {
      rows.add(Row.info(s3, name + ": history events", "" + c.events()));
      rows.add(Row.info(s3, name + ": billable actions", "" + c.billableActions()));
    }
    rows.add(Row.info(s3, name + ": made of", detail));
  }

  private static void memoryRows(List<Row> rows, WorkerMemoryBench.Result m) {
    String s4 = "4 worker memory";
    rows.add(
        Row.info(
            s4,
            "open workflows (started + acted in)",
            "%,d (%.1f s)".formatted(m.workflows(), m.startSeconds())));
    rows.add(
        Row.target(
            s4,
            "heap used after GC: worker delta",
            "%,.0f MiB (%,.0f -> %,.0f)"
                .formatted(m.heapDelta() / MIB, m.heapBefore() / MIB, m.heapAfter() / MIB),
            "<= 1024 MiB",
            m.heapDelta() <= 1024 * MIB));
    rows.add(
        Row.info(
            s4,
            "platform threads (virtual not counted)",
            "%d -> %d".formatted(m.threadsBefore(), m.threadsAfter())));
  }

  /**
   * The heap as ingest in this JVM gets it: its initial and maximum size and whether G1 may give it
   * back (a heap shrunk to a few hundred MiB runs a concurrent mark cycle every second at 55,000
   * events/s; the Helm chart starts ingest's heap at its maximum and never shrinks it).
   */
  static String heapPolicy() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    long initial = Long.parseLong(vm.getVMOption("InitialHeapSize").getValue());
    long max = Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
    String maxFree = vm.getVMOption("MaxHeapFreeRatio").getValue();
    return String.format(
        Locale.ROOT,
        "initial %,d MiB, max %,d MiB, MaxHeapFreeRatio %s%s",
        initial / (1024 * 1024),
        max / (1024 * 1024),
        maxFree,
        maxFree.equals("100") ? " (never shrunk)" : "");
  }

  /** The table as printed. */
  public static String table(BenchOptions options, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Vigil bench: %,d events over %,d resources (%,d storm), %d partitions, %d consumer"
                + " thread(s), max-poll-records %d, max-batch %d%s, %,d open workflows; %d cpus,"
                + " heap %s, load %.2f%nPostgreSQL: %s%nKafka: one broker, its log in %s%n",
            options.events(),
            options.resources(),
            options.stormResources(),
            options.partitions(),
            options.consumerThreads(),
            options.maxPollRecords(),
            options.maxBatch(),
            options.jdbcParams().isBlank() ? "" : ", jdbc " + options.jdbcParams(),
            options.openWorkflows(),
            Runtime.getRuntime().availableProcessors(),
            heapPolicy(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            postgresSettings,
            kafkaLog));
    String format = "%-16s | %-38s | %-58s | %-22s | %s%n";
    out.append(String.format(Locale.ROOT, format, "scenario", "metric", "value", "target", "met"));
    out.append("-".repeat(150)).append('\n');
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              row.scenario(),
              row.metric(),
              row.value(),
              row.target(),
              row.met() == null ? "" : row.met() ? "yes" : "NO"));
    }
    return out.toString();
  }
}
