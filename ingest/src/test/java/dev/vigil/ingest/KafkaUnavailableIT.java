package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka unreachable (a loopback port nobody listens on): a receiver answers 503 with Retry-After
 * within the send timeout, so Alertmanager keeps the alerts and retries, and readiness is down.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class KafkaUnavailableIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    TestPostgres.Database database = TestPostgres.newDatabase("kafka_down");
    Map<String, String> properties =
        new HashMap<>(
            IngestTestProperties.of(
                "kafka-down",
                database,
                new IngestTestProperties.Topics(
                    "kafka-down.signals", "kafka-down.dlq", "kafka-down.incidents"),
                null));
    properties.put("kafka.bootstrap.servers", "127.0.0.1:" + deadPort());
    properties.put("vigil.ingest.send-timeout", "1s");
    properties.put("vigil.ingest.consumer.enabled", "false");
    properties.put("vigil.ingest.relay.enabled", "false");
    properties.put("vigil.health.timeout", "500ms");
    return properties;
  }

  @Test
  void kafkaUnavailable_is503WithRetryAfter() throws Exception {
    long start = System.nanoTime();
    HttpClientResponseException e;
    try {
      http.toBlocking()
          .exchange(
              HttpRequest.POST(
                      "/v1/ingest/alertmanager",
                      Fixtures.text("alertmanager/crashloop-firing.json"))
                  .contentType(MediaType.APPLICATION_JSON_TYPE),
              String.class);
      throw new AssertionError("expected 503");
    } catch (HttpClientResponseException thrown) {
      e = thrown;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.getStatus().getCode()).isEqualTo(503);
    assertThat(e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    JsonNode problem = Fixtures.JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
    assertThat(problem.get("detail").asText()).contains("Kafka did not acknowledge");
    assertThat(millis).isLessThan(10_000);
  }

  @Test
  void readiness_answersWithinASecond_namingKafkaAsDown() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              long start = System.nanoTime();
              HttpClientResponseException e =
                  org.junit.jupiter.api.Assertions.assertThrows(
                      HttpClientResponseException.class,
                      () -> http.toBlocking().retrieve("/health/readiness"));
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(1));
              assertThat(e.getStatus().getCode()).isEqualTo(503);
              JsonNode body =
                  Fixtures.JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
              JsonNode kafka = body.path("details").path("kafka");
              assertThat(kafka.path("status").asText()).isEqualTo("DOWN");
              assertThat(kafka.path("details").path("error").asText()).isNotBlank();
              assertThat(body.path("details").path("postgresql").path("status").asText())
                  .as(body.toPrettyString())
                  .isEqualTo("UP");
            });
  }

  private static int deadPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
