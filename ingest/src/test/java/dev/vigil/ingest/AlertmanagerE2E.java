package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.IngestTokens;
import dev.vigil.ingest.support.RecordingTemporal;
import dev.vigil.ingest.support.WorkflowRecorder;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * End to end with a real Alertmanager (Debian's {@code prometheus-alertmanager}) started on
 * loopback with a webhook receiver pointing at the ingest service: alerts posted to Alertmanager's
 * own API arrive as resource state in PostgreSQL, firing and then resolved. Skipped, visibly, when
 * the binary is missing, except in CI ({@code CI=true}) where that is a failure.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class AlertmanagerE2E implements TestPropertyProvider {
  private static final String BINARY = "prometheus-alertmanager";

  private RecordingTemporal temporal;
  private Db db;
  private Process alertmanager;
  private Path workDir;
  private URI alertmanagerUri;
  private HttpServer capture;
  private final List<Integer> capturedBodies = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    temporal = RecordingTemporal.started();
    TestPostgres.Database database = TestPostgres.newDatabase("alertmanager_e2e");
    db = new Db(database.dataSource());
    return IngestTestProperties.of(
        "alertmanager-e2e",
        database,
        IngestTestProperties.topics("alertmanager-e2e"),
        temporal.target());
  }

  @BeforeAll
  void startAlertmanager() throws Exception {
    Path binary = findBinary();
    if (binary == null) {
      String message =
          BINARY
              + " is not installed (apt-get install prometheus-alertmanager): end-to-end test skipped";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message + " -- but CI=true requires it");
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    Path dir = Files.createTempDirectory("vigil-alertmanager");
    workDir = dir;
    Path config = dir.resolve("alertmanager.yml");
    capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    capture.createContext(
        "/capture",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          capturedBodies.add(body.length);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    capture.start();
    // Alerts of cluster "big" form one group (group_by: [cluster]); that group also goes to a
    // capture receiver, which records how large a body Alertmanager sends for it.
    Files.writeString(
        config,
        """
        route:
          receiver: vigil
          group_by: [cluster, namespace, pod]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
          routes:
            - matchers: ['cluster="big"']
              receiver: vigil-and-capture
              group_by: [cluster]
        receivers:
          - name: vigil
            webhook_configs:
              - url: http://127.0.0.1:%1$d/v1/ingest/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: %2$s
          - name: vigil-and-capture
            webhook_configs:
              - url: http://127.0.0.1:%1$d/v1/ingest/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: %2$s
              - url: http://127.0.0.1:%3$d/capture
        """
            .formatted(server.getPort(), IngestTokens.INGEST, capture.getAddress().getPort()));
    int port = LoopbackPorts.free();
    alertmanagerUri = URI.create("http://127.0.0.1:" + port);
    File log = new File("target/alertmanager-e2e.log");
    alertmanager =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--storage.path=" + dir.resolve("data"))
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  @AfterAll
  void stop() throws Exception {
    if (capture != null) {
      capture.stop(0);
    }
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly();
      }
    }
    temporal.close();
    if (workDir != null) {
      try (var paths = Files.walk(workDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  @Order(1)
  void alertsPostedToAlertmanager_arriveAsStateInPostgres_firingThenResolved() throws Exception {
    String resource = "k8s/e2e/shop/Pod/cart-0";
    Instant startsAt = Instant.now().minusSeconds(30);

    assertThat(post(alert(startsAt, null)).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(resource)));
    assertThat(
            db.row(
                "select type, cluster, namespace, name from resource_state where id = ?", resource))
        .containsEntry("type", "k8s/Pod")
        .containsEntry("cluster", "e2e")
        .containsEntry("namespace", "shop")
        .containsEntry("name", "cart-0");
    assertThat(db.activeSignals(resource))
        .extracting(ActiveSignal::reason, ActiveSignal::count)
        .contains(tuple("CrashLoopBackOff", 1));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WorkflowRecorder.starts(WorkflowIds.remediation(resource)) == 1);

    assertThat(post(alert(startsAt, Instant.now().minusSeconds(1))).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> "Healthy".equals(db.health(resource)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WorkflowRecorder.clearObservations(WorkflowIds.remediation(resource)) == 1);
    // firing and resolved, each once: the count of the (resolved) signal's events is in its mark
    assertThat(
            db.count(
                "select jsonb_array_length(signal_marks::jsonb->'Alert|CrashLoopBackOff'->'recent')"
                    + " from resource_state where id = ?",
                resource))
        .isEqualTo(2);
  }

  // Last: its 10,000 health transitions keep the outbox relay busy for a while afterwards.
  @Test
  @Order(2)
  void aGroupOf10000Alerts_inOneWebhookBody_isAcceptedWhole() throws Exception {
    int alerts = 10_000;
    Instant startsAt = Instant.now().minusSeconds(60);
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < alerts; i++) {
      body.append(i == 0 ? "" : ",")
          .append(
              """
              {"labels": {"alertname": "KubePodNotReady", "cluster": "big", "namespace": "shop",
                          "pod": "cart-%d", "container": "cart", "reason": "ImagePullBackOff",
                          "severity": "warning", "job": "kube-state-metrics"},
               "annotations": {"summary": "Pod shop/cart-%d has not been ready for 15 minutes.",
                               "runbook_url": "https://runbooks.example/KubePodCrashLooping"},
               "startsAt": "%s", "generatorURL": "http://prometheus.example/graph?g0.expr=x"}
              """
                  .formatted(i, i, startsAt));
    }
    body.append(']');
    assertThat(post(body.toString()).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                db.count(
                        "select count(*) from resource_state where cluster = 'big'"
                            + " and health_state = 'Degraded'")
                    == alerts);
    // The first flush may hold only the alerts that arrived within group_wait; the next one sends
    // the whole group.
    int largest = capturedBodies.stream().mapToInt(Integer::intValue).max().orElse(0);
    assertThat(largest)
        .as("Alertmanager sent the whole group in one body, larger than the former 1 MiB limit")
        .isGreaterThan(1024 * 1024)
        .isLessThan(16 * 1024 * 1024);
    assertThat(
            db.count(
                "select count(*) from resource_state where cluster = 'big'"
                    + " and active_signals::jsonb @> '[{\"count\": 1}]'"))
        .isEqualTo(alerts);
  }

  private static String alert(Instant startsAt, Instant endsAt) {
    return """
        [{"labels": {"alertname": "KubePodCrashLooping", "cluster": "e2e", "namespace": "shop",
                     "pod": "cart-0", "container": "cart", "reason": "CrashLoopBackOff",
                     "severity": "warning", "job": "kube-state-metrics"},
          "annotations": {"summary": "Pod is crash looping."},
          "startsAt": "%s"%s,
          "generatorURL": "http://prometheus.example/graph"}]
        """
        .formatted(startsAt, endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
  }

  private HttpResponse<String> post(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(alertmanagerUri.resolve("/api/v2/alerts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(alertmanagerUri.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path findBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, BINARY);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path debian = Path.of("/usr/bin", BINARY);
    return Files.isExecutable(debian) ? debian : null;
  }
}
