package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario at tiny scale (2,000 events, 50 workflows) over the same real dependencies as the
 * full run: proves the harness measures something real. No figure is a pass/fail target here.
 */
class BenchSmokeTest {
  static {
    BenchMain.quietLogs();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyScenarioAtTinyScale_measuresWhatItClaims(@TempDir Path tmp) throws Exception {
    Path dump = tmp.resolve("probes.txt");
    BenchOptions options = BenchOptions.smoke().withLatencyDump(dump.toString());

    BenchMain.Results results = BenchMain.measure(options);

    IngestBench.Result ingest = results.ingest();
    assertThat(ingest.applied()).as("events applied == produced").isEqualTo(options.events());
    assertThat(ingest.ingestRate()).isPositive();
    assertThat(ingest.bareRate()).isPositive();
    assertThat(ingest.probes()).isPositive();
    assertThat(ingest.p99Millis()).isGreaterThanOrEqualTo(ingest.p50Millis()).isPositive();
    assertThat(ingest.paced().warmupP99Millis())
        .as("the warm-up's probes are measured apart, not dropped")
        .isPositive();
    // --latency-dump: a line per probe, "rate sentEpochMillis partition offset latency ack phase"
    List<String[]> measured =
        Files.readAllLines(dump).stream()
            .map(line -> line.split(" "))
            .filter(
                f ->
                    f[6].equals("measured")
                        && Double.parseDouble(f[0]) == Math.round(ingest.latencyRate()))
            .toList();
    assertThat(measured).as("every measured probe of the first paced run").hasSize(ingest.probes());
    assertThat(measured)
        .allSatisfy(
            f -> {
              assertThat(Double.parseDouble(f[4])).as("latency").isPositive();
              assertThat(Double.parseDouble(f[5]))
                  .as("ack within latency")
                  .isBetween(0.0, Double.parseDouble(f[4]));
            });
    if (Files.isReadable(Path.of("/proc/stat"))) {
      CpuUse cpu = ingest.paced().cpu();
      assertThat(cpu.machine())
          .as("machine busy while measured")
          .isNotNaN()
          .isBetween(0.0, 1.0)
          .isPositive();
      assertThat(cpu.jvm()).as("this JVM produced and applied the probes").isNotNaN().isPositive();
      // 2 s at 1,000 ev/s: the broker and PostgreSQL may use less than one 10 ms tick each, so
      // they are held read (not NaN), not busy
      assertThat(cpu.broker()).as("the broker is a process of its own").isNotNaN().isNotNegative();
      assertThat(cpu.postgres()).as("PostgreSQL's server and backends").isNotNaN().isNotNegative();
      assertThat(cpu.jvm() + cpu.broker() + cpu.postgres())
          .as("the three are part of the machine")
          .isLessThanOrEqualTo(cpu.machine() + 0.05);
    }
    // the sweep runs only when half the rate missed the target, and only at lower rates
    assertThat(ingest.sweep()).hasSizeLessThanOrEqualTo(ingest.paced().meetsTarget() ? 0 : 1);
    assertThat(ingest.sweep()).allMatch(p -> p.rate() < ingest.latencyRate() && p.probes() > 0);
    assertThat(ingest.unhealthyTransitions()).isEqualTo(options.stormResources());
    assertThat(ingest.callsPerTransition()).isBetween(1.0, 1.05);
    assertThat(ingest.workflowIds()).isEqualTo(options.stormResources());
    assertThat(ingest.maxRunsPerResource()).isEqualTo(1);

    assertThat(results.cost().oneRung().events()).isPositive();
    assertThat(results.cost().oneRung().billableActions()).isPositive();
    assertThat(results.cost().threeRungs().activities()).isGreaterThanOrEqualTo(3);

    assertThat(results.memory().workflows()).isEqualTo(options.openWorkflows());
    assertThat(results.memory().heapAfter()).isPositive();

    assertThat(ingest.twoInstanceApplied())
        .as("two instances in one group apply every event once")
        .isEqualTo(options.events());
    assertThat(ingest.twoInstanceRate()).isPositive();
    assertThat(results.postgres())
        .as("the benchmark's PostgreSQL is durable as users run it")
        .containsEntry("fsync", "on")
        .containsEntry("synchronous_commit", "on");

    List<Row> rows = BenchMain.rows(results);
    String table = BenchMain.table(options, rows);
    System.out.println(table);
    assertThat(table)
        .contains(
            "calls / transitions",
            "billable actions",
            "heap used after GC",
            "2 instances, one group",
            "latency p99 in the warm-up (not counted)",
            "fsync=on",
            "synchronous_commit=on",
            "Kafka: one broker, its log in " + BenchMain.kafkaLog);
    assertThat(Path.of(BenchMain.kafkaLog))
        .as("the broker's log (in memory when /dev/shm has room) is removed when the run ends")
        .isAbsolute()
        .doesNotExist();
  }
}
