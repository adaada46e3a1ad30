package dev.vigil.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one benchmark run does: sizes of each scenario. Defaults are the (1,000,000 events
 * over 10,000 resources, 2,000 of them turning unhealthy, 10,000 open workflows).
 *
 * @param events envelopes produced to the signals topic before the consumer starts
 * @param resources distinct resources the events are spread over
 * @param stormResources resources that turn Unhealthy half-way through the stream
 * @param partitions partitions of the signals topic
 * @param consumerThreads ingest consumer threads ({@code vigil.ingest.consumer.threads})
 * @param latencySeconds how long the paced producer runs at half the measured ingest rate
 * @param latencyWarmup seconds the paced producer runs at the same rate before the measured ones,
 *     their probes not counted (their p99 is printed apart): the latency is the steady state's, not
 *     the JIT's first compiles of the produce path (the throughput phase reads a pre-filled topic)
 *     nor the aftermath of the burst (at 42,000 events/s right after the default 1,000,000-event
 *     throughput phase the benchmark JVM ran at 100-125% of a core for about 35 s, and the p99 of
 *     each 5 s was 366-1,145 ms; from then on 73-181 ms)
 * @param latencyRate events/s of the paced producer; 0 = half the measured ingest rate
 * @param latencySweep when p99 misses 250 ms at that rate, how many more paced runs look for the
 *     highest rate that meets it (halving, then bisecting); 0 = none
 * @param openWorkflows remediation workflows kept open in one worker for the memory scenario
 * @param maxPollRecords records per poll ({@code vigil.ingest.consumer.max-poll-records})
 * @param maxBatch records per transaction at most ({@code vigil.ingest.consumer.max-batch})
 * @param jdbcParams extra PostgreSQL JDBC URL parameters for the ingest context, e.g. {@code
 *     reWriteBatchedInserts=true}; "" = none
 * @param latencyDump file that gets one line per latency probe of every paced run ({@code rate
 *     sentEpochMillis partition offset latencyMillis ackMillis warm|measured}): the stalls behind a
 *     p99, second by second; "" = none
 */
public record BenchOptions(
    int events,
    int resources,
    int stormResources,
    int partitions,
    int consumerThreads,
    int latencySeconds,
    int latencyWarmup,
    int latencyRate,
    int latencySweep,
    int openWorkflows,
    int maxPollRecords,
    int maxBatch,
    String jdbcParams,
    String latencyDump) {

  public static BenchOptions defaults() {
    return new BenchOptions(
        1_000_000, 10_000, 2_000, 4, 2, 20, 60, 0, 3, 10_000, 5_000, 20_000, "", "");
  }

  /** Tiny sizes for the smoke test. */
  public static BenchOptions smoke() {
    // a fixed paced rate: half of a 2,000-event throughput phase is no rate at all when one poll
    // committed the whole stream, and next to none when the first commit held nearly all of it
    return new BenchOptions(2_000, 100, 20, 2, 1, 2, 1, 1_000, 1, 50, 500, 1_000, "", "");
  }

  /** The same options, the probes written to this file. */
  public BenchOptions withLatencyDump(String file) {
    return new BenchOptions(
        events,
        resources,
        stormResources,
        partitions,
        consumerThreads,
        latencySeconds,
        latencyWarmup,
        latencyRate,
        latencySweep,
        openWorkflows,
        maxPollRecords,
        maxBatch,
        jdbcParams,
        file);
  }

  /** Options whose values are taken as written (numbers may be written 1_000_000). */
  private static final Set<String> VERBATIM = Set.of("jdbc-params", "latency-dump");

  /** {@code --events N --resources M --storm K --partitions P --threads T ...}. */
  public static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        throw new IllegalArgumentException(usage());
      }
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument '" + arg + "'\n" + usage());
      }
      String name = arg.substring(2);
      values.put(name, VERBATIM.contains(name) ? args[++i] : args[++i].replace("_", ""));
    }
    BenchOptions d = defaults();
    BenchOptions options =
        new BenchOptions(
            intOf(values.remove("events"), d.events()),
            intOf(values.remove("resources"), d.resources()),
            intOf(values.remove("storm"), d.stormResources()),
            intOf(values.remove("partitions"), d.partitions()),
            intOf(values.remove("threads"), d.consumerThreads()),
            intOf(values.remove("latency-seconds"), d.latencySeconds()),
            intOf(values.remove("latency-warmup"), d.latencyWarmup()),
            intOf(values.remove("latency-rate"), d.latencyRate()),
            intOf(values.remove("latency-sweep"), d.latencySweep()),
            intOf(values.remove("workflows"), d.openWorkflows()),
            intOf(values.remove("max-poll-records"), d.maxPollRecords()),
            intOf(values.remove("max-batch"), d.maxBatch()),
            Objects.requireNonNullElse(values.remove("jdbc-params"), d.jdbcParams()),
            Objects.requireNonNullElse(values.remove("latency-dump"), d.latencyDump()));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + values.keySet() + "\n" + usage());
    }
    if (options.stormResources() > options.resources()) {
      throw new IllegalArgumentException("--storm must not exceed --resources");
    }
    return options;
  }

  static String usage() {
    return "usage: ./vigil bench [--events 1000000] [--resources 10000] [--storm 2000]"
        + " [--partitions 4] [--threads 2] [--latency-seconds 20] [--latency-warmup 60]"
        + " [--latency-rate 0=half]"
        + " [--latency-sweep 3]"
        + " [--workflows 10000] [--max-poll-records 5000] [--max-batch 20000]"
        + " [--jdbc-params reWriteBatchedInserts=true] [--latency-dump FILE]";
  }

  private static int intOf(String value, int fallback) {
    return value == null ? fallback : Integer.parseInt(value);
  }
}
