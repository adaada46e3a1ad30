package dev.vigil.launcher.demo.live;

import dev.vigil.workflows.policy.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's Alertmanager, routing every alert to Vigil's ingest as webhooks (firing and resolved),
 * with the bearer token as the webhook's credentials, one group per alert name and service.
 * Clustering (gossip) is off.
 */
final class LocalAlertmanager implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final URI base;

  private LocalAlertmanager(ChildProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  static LocalAlertmanager start(
      Path dir, int port, String vigilBaseUrl, String token, LiveTimings timings)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, config(vigilBaseUrl, token, timings));
    URI base = URI.create("http://127.0.0.1:" + port);
    ChildProcess p =
        ChildProcess.startReady(
            "alertmanager",
            List.of(
                Binaries.require("prometheus-alertmanager").toString(),
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--storage.path=" + dir.resolve("data")),
            dir.resolve("alertmanager.log"),
            base.resolve("/-/ready"),
            READY_TIMEOUT);
    return new LocalAlertmanager(p, base);
  }

  static String config(String vigilBaseUrl, String token, LiveTimings timings) {
    return """
        # written by ./vigil demo --live
        route:
          receiver: vigil
          group_by: [alertname, docker_service]
          group_wait: %s
          group_interval: %s
          repeat_interval: %s
        receivers:
          - name: vigil
            webhook_configs:
              - url: %s/v1/ingest/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: "%s"
        """
        .formatted(
            Durations.format(timings.groupWait()),
            Durations.format(timings.groupInterval()),
            Durations.format(timings.repeatInterval()),
            vigilBaseUrl,
            token);
  }

  int port() {
    return base.getPort();
  }

  @Override
  public void close() {
    process.close();
  }
}
