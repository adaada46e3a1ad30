package dev.vigil.launcher.demo.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.launcher.demo.VigilHttp;
import dev.vigil.workflows.policy.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Debian's Prometheus for one docker service: it finds the replicas through the Docker API ({@code
 * docker_sd_configs}, filtered by {@code vigil.service}), scrapes each one's own {@code
 * /cgi-bin/metrics} at the port of its Traefik label, labels the series with {@code docker_service}
 * and {@code container}, evaluates the shipped rules and sends alerts to Alertmanager.
 */
final class LocalPrometheus implements AutoCloseable {
  static final String METRIC = "container_cpu_usage_seconds_total";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final URI base;
  private final String service;
  private final LiveTimings timings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LocalPrometheus(ChildProcess process, URI base, String service, LiveTimings timings) {
    this.process = process;
    this.base = base;
    this.service = service;
    this.timings = timings;
  }

  static LocalPrometheus start(
      Path dir,
      int port,
      String service,
      String dockerHost,
      int alertmanagerPort,
      String rulesYaml,
      LiveTimings timings)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("rules.yml"), rulesYaml);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, config(service, dockerHost, alertmanagerPort, timings));
    URI base = URI.create("http://127.0.0.1:" + port);
    ChildProcess p =
        ChildProcess.startReady(
            "prometheus",
            List.of(
                Binaries.require("prometheus").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=2h",
                "--web.listen-address=127.0.0.1:" + port),
            dir.resolve("prometheus.log"),
            base.resolve("/-/ready"),
            READY_TIMEOUT);
    return new LocalPrometheus(p, base, service, timings);
  }

  /**
   * Scrape and discovery of the service's replicas. The replica's port is the value of its label
   * {@code traefik.http.services.<service>.loadbalancer.server.port} (what Traefik reads too, and
   * what docker.scale rewrites per replica); host networking, so the address is 127.0.0.1.
   */
  static String config(
      String service, String dockerHost, int alertmanagerPort, LiveTimings timings) {
    String scrape = Durations.format(timings.scrapeInterval());
    return """
        # written by ./vigil demo --live
        global:
          scrape_interval: %s
          scrape_timeout: %s
          evaluation_interval: %s
        rule_files: [rules.yml]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["127.0.0.1:%d"]
        scrape_configs:
          - job_name: docker-service
            metrics_path: /cgi-bin/metrics
            docker_sd_configs:
              - host: "%s"
                refresh_interval: %s
                filters:
                  - name: label
                    values: ["vigil.service=%s"]
            relabel_configs:
              - source_labels: [__meta_docker_container_label_traefik_enable]
                regex: "true"
                action: keep
              - action: labelmap
                regex: __meta_docker_container_label_traefik_http_services_.+_loadbalancer_server_port
                replacement: __tmp_replica_port
              - source_labels: [__tmp_replica_port]
                regex: "(\\\\d+)"
                target_label: __address__
                replacement: "127.0.0.1:$1"
              - source_labels: [__meta_docker_container_label_vigil_service]
                target_label: docker_service
              - source_labels: [__meta_docker_container_name]
                regex: "/?(.+)"
                target_label: container
        """
        .formatted(
            scrape,
            Durations.format(timings.scrapeInterval().dividedBy(2)),
            Durations.format(timings.ruleInterval()),
            alertmanagerPort,
            dockerHost,
            Durations.format(timings.discoveryRefresh()),
            service);
  }

  URI base() {
    return base;
  }

  /** CPU of each replica (cores, over the rules' rate window), by container name. */
  Map<String, Double> cpuByContainer() {
    String query =
        "rate(%s{docker_service=\"%s\"}[%s])"
            .formatted(METRIC, service, Durations.format(timings.rateWindow()));
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode r : get("/api/v1/query?query=" + VigilHttp.encode(query)).path("result")) {
      out.put(
          r.path("metric").path("container").asText(),
          r.path("value").path(1).asDouble(Double.NaN));
    }
    return out;
  }

  /** Whether the replica at {@code address} (host:port) is a target whose last scrape worked. */
  boolean scrapes(String address) {
    String query = "up{docker_service=\"%s\",instance=\"%s\"} == 1".formatted(service, address);
    return !get("/api/v1/query?query=" + VigilHttp.encode(query)).path("result").isEmpty();
  }

  /** The service's alerts Prometheus holds now (pending or firing). */
  List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    for (JsonNode a : get("/api/v1/alerts").path("alerts")) {
      JsonNode labels = a.path("labels");
      if (service.equals(labels.path("docker_service").asText())) {
        out.add(
            new Alert(
                labels.path("alertname").asText(),
                a.path("state").asText(),
                a.path("value").asDouble(Double.NaN)));
      }
    }
    return out;
  }

  /** An alert of the service: {@code state} is {@code pending} or {@code firing}. */
  record Alert(String name, String state, double value) {}

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("prometheus " + path + " -> " + r.statusCode());
      }
      return JSON.readTree(r.body()).path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
