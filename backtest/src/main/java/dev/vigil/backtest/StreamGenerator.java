package dev.vigil.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.backtest.BacktestOptions.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./vigil backtest generate}: a synthetic recorded stream for the benchmark, deterministic
 * for a seed. Resources are pods, deployments, nodes and Docker services across four clusters; each
 * has a few incidents in the period (Alertmanager alerts that fire, are re-sent every five minutes
 * with the same {@code startsAt}, then resolve; Kubernetes {@code BackOff} events that stop and
 * expire by TTL; HighCPU followed by LowCPU on Docker services). The rest of the line budget is the
 * background noise a real fleet sends: {@code Normal} events the rules drop, info alerts, and
 * warnings no policy matches.
 */
final class StreamGenerator {
  static final Instant DEFAULT_START = Instant.parse("2026-11-16T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RESEND = Duration.ofMinutes(5);

  private record Line(Instant at, String json) {}

  private final Random random;
  private final Instant start;
  private final Duration period;
  private final List<Line> lines = new ArrayList<>();
  private long fingerprints;
  private long versions;

  StreamGenerator(long seed, Instant start, Duration period) {
    this.random = new Random(seed);
    this.start = start;
    this.period = period;
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    int signals = 100_000;
    int resources = 1_000;
    int days = 7;
    long seed = 1;
    Path file = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--signals" -> signals = positive(BacktestOptions.value(args, ++i, arg), arg);
          case "--resources" -> resources = positive(BacktestOptions.value(args, ++i, arg), arg);
          case "--days" -> days = positive(BacktestOptions.value(args, ++i, arg), arg);
          case "--seed" -> seed = Long.parseLong(BacktestOptions.value(args, ++i, arg));
          case "-o", "--output" -> file = Path.of(BacktestOptions.value(args, ++i, arg));
          default -> throw new UsageException("unknown option '" + arg + "'");
        }
      }
      if (file == null) {
        throw new UsageException("-o FILE is required");
      }
    } catch (UsageException | NumberFormatException e) {
      err.println("vigil backtest generate: " + e.getMessage());
      err.print(BacktestOptions.USAGE);
      return BacktestMain.BAD_INPUT;
    }
    StreamGenerator generator = new StreamGenerator(seed, DEFAULT_START, Duration.ofDays(days));
    int written = generator.write(file, signals, resources);
    out.println(
        "wrote "
            + written
            + " lines over "
            + resources
            + " resources and "
            + days
            + " days to "
            + file);
    return BacktestMain.OK;
  }

  /** Generates and writes exactly {@code total} lines; returns how many were written. */
  int write(Path file, int total, int resources) {
    for (int r = 0; r < resources && lines.size() < total; r++) {
      int incidents = 1 + random.nextInt(4);
      for (int k = 0; k < incidents; k++) {
        incident(r, randomTime(Duration.ofHours(2)));
      }
    }
    while (lines.size() < total) {
      noise(random.nextInt(resources), randomTime(Duration.ZERO));
    }
    lines.sort(Comparator.comparing(Line::at));
    List<Line> kept = lines.subList(0, Math.min(total, lines.size()));
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Line line : kept) {
        out.write(line.json());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return kept.size();
  }

  private void incident(int r, Instant t0) {
    String cluster = cluster(r);
    String namespace = "team-" + (r % 20);
    Duration length = Duration.ofMinutes(3 + random.nextInt(40));
    switch (r % 10) {
      case 0, 1, 2, 3 ->
          alertEpisode(
              t0,
              length,
              Map.of(
                  "alertname",
                  "KubePodCrashLooping",
                  "reason",
                  "CrashLoopBackOff",
                  "severity",
                  "warning",
                  "cluster",
                  cluster,
                  "namespace",
                  namespace,
                  "pod",
                  "app-" + r + "-5d8f7"));
      case 4, 5 ->
          alertEpisode(
              t0,
              length,
              Map.of(
                  "alertname",
                  "KubeDeploymentReplicasMismatch",
                  "severity",
                  "warning",
                  "cluster",
                  cluster,
                  "namespace",
                  namespace,
                  "deployment",
                  "svc-" + r));
      case 6 ->
          alertEpisode(
              t0,
              length,
              Map.of(
                  "alertname",
                  "KubeNodeNotReady",
                  "severity",
                  "critical",
                  "cluster",
                  cluster,
                  "node",
                  "node-" + r));
      case 7 -> {
        Map<String, String> high =
            Map.of("alertname", "HighCPU", "severity", "critical", "docker_service", "svc-" + r);
        alertEpisode(t0, length, high);
        Instant low = t0.plus(length).plus(Duration.ofMinutes(2 + random.nextInt(10)));
        alertEpisode(
            low,
            Duration.ofMinutes(15),
            Map.of("alertname", "LowCPU", "severity", "info", "docker_service", "svc-" + r));
      }
      default -> {
        Instant at = t0;
        Instant end = t0.plus(length);
        while (!at.isAfter(end)) {
          event(at, cluster, namespace, "worker-" + r + "-7c9", "Warning", "BackOff");
          at = at.plus(Duration.ofSeconds(60 + random.nextInt(120)));
        }
      }
    }
  }

  /** A firing alert, re-sent every five minutes with the same startsAt, then resolved. */
  private void alertEpisode(Instant startsAt, Duration length, Map<String, String> labels) {
    String fingerprint = String.format("%016x", ++fingerprints);
    Instant endsAt = startsAt.plus(length);
    for (Instant at = startsAt; at.isBefore(endsAt); at = at.plus(RESEND)) {
      alert(at, "firing", startsAt, null, labels, fingerprint);
    }
    alert(endsAt, "resolved", startsAt, endsAt, labels, fingerprint);
  }

  private void noise(int r, Instant at) {
    String cluster = cluster(r);
    switch (random.nextInt(3)) {
      case 0 -> event(at, cluster, "team-" + (r % 20), "app-" + r + "-5d8f7", "Normal", "Pulled");
      case 1 ->
          alert(
              at,
              "firing",
              at,
              null,
              Map.of(
                  "alertname",
                  "KubeletTooManyPods",
                  "severity",
                  "info",
                  "cluster",
                  cluster,
                  "node",
                  "node-" + r),
              String.format("%016x", ++fingerprints));
      default -> {
        // A warning no policy matches: the resource turns Degraded and back, no repair starts.
        Instant startsAt = at.minus(Duration.ofMinutes(random.nextInt(60)));
        Map<String, String> labels =
            Map.of(
                "alertname",
                "NodeFilesystemSpaceFillingUp",
                "severity",
                "warning",
                "cluster",
                cluster,
                "node",
                "node-" + r);
        String fingerprint = String.format("%016x", ++fingerprints);
        Instant endsAt = at.plus(Duration.ofMinutes(10));
        alert(at, "firing", startsAt, null, labels, fingerprint);
        alert(endsAt, "resolved", startsAt, endsAt, labels, fingerprint);
      }
    }
  }

  private void alert(
      Instant at,
      String status,
      Instant startsAt,
      Instant endsAt,
      Map<String, String> labels,
      String fingerprint) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", "4");
    body.put("status", status);
    body.put("receiver", "vigil");
    ArrayNode alerts = body.putArray("alerts");
    ObjectNode alert = alerts.addObject();
    alert.put("status", status);
    ObjectNode labelNode = alert.putObject("labels");
    labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> labelNode.put(e.getKey(), e.getValue()));
    alert.putObject("annotations").put("summary", labels.get("alertname") + " (generated)");
    alert.put("startsAt", startsAt.toString());
    alert.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
    alert.put("fingerprint", fingerprint);
    add(at, "alertmanager", body);
  }

  private void event(
      Instant at, String cluster, String namespace, String pod, String type, String reason) {
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.put("verb", "ADDED");
    wrapper.put("cluster", cluster);
    ObjectNode event = wrapper.putObject("event");
    ObjectNode metadata = event.putObject("metadata");
    metadata.put("name", pod + "." + Long.toHexString(++versions));
    metadata.put("namespace", namespace);
    metadata.put("uid", "uid-" + pod);
    metadata.put("resourceVersion", String.valueOf(versions));
    ObjectNode involved = event.putObject("involvedObject");
    involved.put("kind", "Pod");
    involved.put("namespace", namespace);
    involved.put("name", pod);
    event.put("reason", reason);
    event.put(
        "message",
        reason.equals("BackOff")
            ? "Back-off restarting failed container app in pod " + pod
            : "Container image pulled");
    event.put("type", type);
    event.put("lastTimestamp", at.toString());
    add(at, "eventrouter", wrapper);
  }

  private void add(Instant at, String source, ObjectNode body) {
    ObjectNode line = JSON.createObjectNode();
    line.put("at", at.toString());
    line.put("source", source);
    line.set("body", body);
    lines.add(new Line(at, line.toString()));
  }

  private Instant randomTime(Duration marginAtEnd) {
    long seconds = Math.max(1, period.minus(marginAtEnd).toSeconds());
    return start.plusSeconds((long) (random.nextDouble() * seconds));
  }

  private static String cluster(int r) {
    return "cluster-" + (r % 4);
  }

  private static int positive(String text, String option) {
    int value = Integer.parseInt(text);
    if (value < 1) {
      throw new UsageException(option + " must be positive");
    }
    return value;
  }
}
