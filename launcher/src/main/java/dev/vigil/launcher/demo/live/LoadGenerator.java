package dev.vigil.launcher.demo.live;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code hey} (Debian's HTTP load generator) against the balancer, rate-limited per worker so the
 * load is the same whatever the replicas answer: on until {@link #stop}, which interrupts it as
 * Ctrl-C would and returns its own summary line.
 */
final class LoadGenerator implements AutoCloseable {
  private final ChildProcess process;

  private LoadGenerator(ChildProcess process) {
    this.process = process;
  }

  static LoadGenerator start(URI target, LoadProfile profile, Path log) throws IOException {
    return new LoadGenerator(
        ChildProcess.start(
            "hey", command(Binaries.require("hey").toString(), target, profile), log));
  }

  static List<String> command(String hey, URI target, LoadProfile profile) {
    return List.of(
        hey,
        "-z",
        "1h",
        "-c",
        String.valueOf(profile.workers()),
        "-q",
        String.valueOf(profile.perWorkerRate()),
        "-t",
        "10",
        target.toString());
  }

  /** Stops the load; returns hey's "Requests/sec" line (or why there is none). */
  String stop() throws IOException, InterruptedException {
    process.signal("INT");
    if (!process.awaitExit(Duration.ofSeconds(10))) {
      process.close();
    }
    for (String line : Files.readAllLines(process.log(), StandardCharsets.UTF_8)) {
      if (line.strip().startsWith("Requests/sec:")) {
        return line.strip().replaceAll("\\s+", " ");
      }
    }
    return "no summary from hey (" + process.log() + ")";
  }

  @Override
  public void close() {
    process.close();
  }
}
