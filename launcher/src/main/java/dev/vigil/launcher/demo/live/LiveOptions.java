package dev.vigil.launcher.demo.live;

import java.nio.file.Path;

/**
 * How {@code ./vigil demo --live} runs.
 *
 * @param service the docker service's name ({@code vigil.service} label; resource {@code
 *     docker/service/<service>})
 * @param path {@code success}, {@code failure} or {@code both}
 * @param dataDir where everything of the run goes: Vigil's data, each program's config and log,
 *     {@code live.log} (the transcript) and {@code live.svg} (the picture)
 * @param rulesFile the shipped alert rules ({@code examples/prometheus/eventpulse-rules.yml})
 * @param httpPort Vigil's HTTP port, 0 for a free one
 * @param timings the demo's clocks
 * @param load what hey sends
 */
public record LiveOptions(
    String service,
    String path,
    Path dataDir,
    Path rulesFile,
    int httpPort,
    LiveTimings timings,
    LoadProfile load) {

  public boolean runsSuccess() {
    return !path.equals("failure");
  }

  public boolean runsFailure() {
    return !path.equals("success");
  }
}
