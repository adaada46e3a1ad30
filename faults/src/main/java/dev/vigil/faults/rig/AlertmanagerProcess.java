package dev.vigil.faults.rig;

import dev.vigil.temporaldev.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}), gossip off, loopback only, with
 * one webhook receiver: Vigil's ingest with a bearer token. Alerts are posted to its own API, as
 * Prometheus does; it groups them and calls the webhook, retrying what fails.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  public static final String BINARY = "prometheus-alertmanager";

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private AlertmanagerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The binary on the PATH or in /usr/bin, or null. */
  public static Path binary() {
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, BINARY);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path debian = Path.of("/usr/bin", BINARY);
    return Files.isExecutable(debian) ? debian : null;
  }

  /**
   * @param groupInterval how often a group whose notification failed is sent again (and how soon
   *     new alerts of a group follow)
   */
  public static AlertmanagerProcess start(
      Path dir, String webhookUrl, String token, Duration groupInterval) {
    Path binary = binary();
    if (binary == null) {
      throw new IllegalStateException(
          BINARY + " is not installed (apt-get install prometheus-alertmanager)");
    }
    int port = LoopbackPorts.free();
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(
          config,
          """
          route:
            receiver: vigil
            group_by: [alertname]
            group_wait: 1s
            group_interval: %ds
            repeat_interval: 1h
          receivers:
            - name: vigil
              webhook_configs:
                - url: %s
                  send_resolved: true
                  http_config:
                    authorization:
                      type: Bearer
                      credentials: %s
          """
              .formatted(groupInterval.toSeconds(), webhookUrl, token));
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--web.listen-address=127.0.0.1:" + port,
                  "--cluster.listen-address=",
                  "--storage.path=" + dir.resolve("data"),
                  "--log.level=debug")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("alertmanager.log").toFile())
              .start();
      AlertmanagerProcess am = new AlertmanagerProcess(process, port);
      Pause.until(
          "Alertmanager ready (" + dir.resolve("alertmanager.log") + ")",
          Duration.ofSeconds(30),
          () -> am.get("/-/ready") == 200);
      return am;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Posts alerts (a JSON array, Alertmanager's v2 API) as Prometheus would; returns the status. */
  public int postAlerts(String json) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int get(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
