package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went over a window, as shares of all its CPUs (1.0: every CPU busy the
 * whole window): the machine as a whole (Linux's {@code /proc/stat}), the benchmark's JVM (the
 * ingest instance, the load generator and the probe poller), the Kafka broker and PostgreSQL (the
 * server process and its children; a backend that exited within the window is not counted). A share
 * that could not be read is NaN.
 *
 * <p>A paced run prints it for its measured window. The paced path cannot coalesce (each event is a
 * row write), so its latency depends on how close the rate runs to what the machine can carry: at
 * 90% busy a second in which a tenth of the capacity goes elsewhere leaves a backlog that takes
 * seconds to drain, and the probes of those seconds are the p99.
 */
record CpuUse(double machine, double jvm, double broker, double postgres) {

  /** CPU time read at one moment, to subtract from a later one. */
  record Sample(
      long machineTicks,
      long busyTicks,
      Duration jvm,
      Duration broker,
      Map<Long, Duration> postgres) {}

  /** What the window's shares are measured from. */
  record Sources(Path procStat, ProcessHandle jvm, ProcessHandle broker, ProcessHandle postgres) {
    static Sources of(long brokerPid, ProcessHandle postgres) {
      return new Sources(
          Path.of("/proc/stat"),
          ProcessHandle.current(),
          ProcessHandle.of(brokerPid).orElse(null),
          postgres);
    }

    Sample sample() {
      long[] ticks = machineTicks(procStat);
      Map<Long, Duration> server = new HashMap<>();
      if (postgres != null) {
        Stream.concat(Stream.of(postgres), postgres.descendants())
            .forEach(p -> cpu(p).ifPresent(d -> server.put(p.pid(), d)));
      }
      return new Sample(
          ticks[0], ticks[1], cpu(jvm).orElse(null), cpu(broker).orElse(null), server);
    }
  }

  static CpuUse between(Sample from, Sample to) {
    long machineTicks = to.machineTicks() - from.machineTicks();
    if (machineTicks <= 0) {
      return new CpuUse(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    // /proc/stat counts USER_HZ ticks of 10 ms summed over every CPU: the window's capacity
    double capacityNanos = machineTicks * 10_000_000.0;
    Duration server = Duration.ZERO;
    for (Map.Entry<Long, Duration> end : to.postgres().entrySet()) {
      server =
          server.plus(
              end.getValue().minus(from.postgres().getOrDefault(end.getKey(), Duration.ZERO)));
    }
    return new CpuUse(
        (double) (to.busyTicks() - from.busyTicks()) / machineTicks,
        share(from.jvm(), to.jvm(), capacityNanos),
        share(from.broker(), to.broker(), capacityNanos),
        to.postgres().isEmpty() ? Double.NaN : server.toNanos() / capacityNanos);
  }

  private static double share(Duration from, Duration to, double capacityNanos) {
    return from == null || to == null ? Double.NaN : to.minus(from).toNanos() / capacityNanos;
  }

  private static Optional<Duration> cpu(ProcessHandle process) {
    return process == null ? Optional.empty() : process.info().totalCpuDuration();
  }

  /**
   * The machine's ticks from {@code /proc/stat}'s first line: {@code {all, busy}}, busy being all
   * but idle and iowait; {@code {0, 0}} where there is no such file (not Linux).
   */
  static long[] machineTicks(Path procStat) {
    try (Stream<String> lines = Files.lines(procStat)) {
      return lines.findFirst().map(CpuUse::parseCpuLine).orElse(new long[2]);
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
  }

  /**
   * {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}: guest time is
   * already counted in user and nice, so it is left out of the sum.
   */
  static long[] parseCpuLine(String line) {
    String[] f = line.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 5) {
      throw new IllegalArgumentException("not /proc/stat's cpu line: " + line);
    }
    long all = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      all += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
    return new long[] {all, all - idle};
  }

  /** The table's text: "91% of the machine (bench JVM 40%, broker 13%, PostgreSQL 36%)". */
  String describe() {
    if (Double.isNaN(machine)) {
      return "n/a (no /proc/stat)";
    }
    return "%s of the machine (bench JVM %s, broker %s, PostgreSQL %s)"
        .formatted(percent(machine), percent(jvm), percent(broker), percent(postgres));
  }

  /** A share as a whole percentage, "n/a" for NaN. */
  static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : "%.0f%%".formatted(100 * share);
  }
}
