package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.state.DeadLetters;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.testkit.TestKafka;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input over real HTTP, Kafka and PostgreSQL: 400 problem details naming the field, 413 over
 * the size limit, and a poison record on the topic parked on the DLQ while the consumer goes on.
 * Temporal is not needed here: the relay is off.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class IngestErrorsIT implements TestPropertyProvider {
  private IngestTestProperties.Topics topics;
  private Db db;

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    TestPostgres.Database database = TestPostgres.newDatabase("ingest_errors");
    db = new Db(database.dataSource());
    topics = IngestTestProperties.topics("ingest-errors");
    Map<String, String> properties =
        new HashMap<>(IngestTestProperties.of("ingest-errors", database, topics, null));
    properties.put("vigil.ingest.relay.enabled", "false");
    properties.put("vigil.ingest.max-body-size", "64KB");
    return properties;
  }

  private HttpClientResponseException rejected(String path, String body, String contentType) {
    try {
      HttpResponse<String> response =
          http.toBlocking()
              .exchange(HttpRequest.POST(path, body).contentType(contentType), String.class);
      throw new AssertionError("expected an error, got " + response.code() + " " + response.body());
    } catch (HttpClientResponseException e) {
      return e;
    }
  }

  private static JsonNode problem(HttpClientResponseException e) throws Exception {
    assertThat(e.getResponse().getContentType())
        .hasValueSatisfying(
            type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
    return Fixtures.JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
  }

  @Test
  void malformedJson_is400WithWhereItBroke() throws Exception {
    HttpClientResponseException e =
        rejected(
            "/v1/ingest/alertmanager",
            "{\"version\":\"4\",\"alerts\":[{\"labels\":",
            MediaType.APPLICATION_JSON);

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    JsonNode problem = problem(e);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asText()).isEqualTo("https://vigil.dev/problems/invalid-input");
    assertThat(problem.get("detail").asText()).startsWith("malformed JSON at line 1, column");
    assertThat(problem.get("instance").asText()).isEqualTo("/v1/ingest/alertmanager");
  }

  @Test
  void wrongTypes_are400NamingTheField() throws Exception {
    JsonNode webhook = Fixtures.json("alertmanager/crashloop-firing.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) webhook.get("alerts").get(1))
        .put("labels", "pod=api");

    HttpClientResponseException e =
        rejected("/v1/ingest/alertmanager", webhook.toString(), MediaType.APPLICATION_JSON);

    assertThat(e.getStatus().getCode()).isEqualTo(400);
    JsonNode problem = problem(e);
    assertThat(problem.get("field").asText()).isEqualTo("alerts[1].labels");
    assertThat(problem.get("detail").asText())
        .isEqualTo("alerts[1].labels must be an object of strings, not a string");

    HttpClientResponseException status =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/app\",\"reason\":\"HighCPU\",\"status\":\"burning\"}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(status).get("field").asText()).isEqualTo("[0].status");
  }

  @Test
  void missingResource_is400NamingTheField() throws Exception {
    HttpClientResponseException envelope =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/app\",\"reason\":\"HighCPU\"},{\"reason\":\"HighCPU\"}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(envelope).get("field").asText()).isEqualTo("[1].resourceId");

    HttpClientResponseException eventrouter =
        rejected(
            "/v1/ingest/k8s-events",
            "{\"verb\":\"ADDED\",\"event\":{\"reason\":\"BackOff\",\"involvedObject\":{\"kind\":\"Pod\"}}}",
            MediaType.APPLICATION_JSON);
    assertThat(problem(eventrouter).get("field").asText())
        .isEqualTo("[0].event.involvedObject.name");

    HttpClientResponseException cloudEvent =
        rejected(
            "/v1/ingest/signals",
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\",\"data\":{\"reason\":\"HighCPU\"}}",
            "application/cloudevents+json");
    assertThat(problem(cloudEvent).get("field").asText()).isEqualTo("subject");
  }

  @Test
  void bodiesThatAreNotJson_are415() throws Exception {
    for (String type :
        List.of("application/xml", "application/x-www-form-urlencoded", "text/html")) {
      HttpClientResponseException e = rejected("/v1/ingest/alertmanager", "<alerts/>", type);
      assertThat(e.getStatus().getCode()).as(type).isEqualTo(415);
      assertThat(problem(e).get("type").asText())
          .isEqualTo("https://vigil.dev/problems/unsupported-media-type");
    }
  }

  @Test
  void hostileIdsAndLabels_are400NamingTheField() throws Exception {
    HttpClientResponseException traversal =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/../../admin\",\"reason\":\"HighCPU\"}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(traversal).get("field").asText()).isEqualTo("[0].resourceId");
    assertThat(problem(traversal).get("detail").asText()).contains("'..' path segment");

    HttpClientResponseException injection =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/app\",\"reason\":\"x'; drop table\"}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(injection).get("field").asText()).isEqualTo("[0].reason");

    HttpClientResponseException numberLabel =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/app\",\"reason\":\"HighCPU\","
                + "\"labels\":{\"replicas\":3}}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(numberLabel).get("detail").asText())
        .isEqualTo("[0].labels.replicas must be a string, not a number");

    HttpClientResponseException huge =
        rejected(
            "/v1/ingest/signals",
            "[{\"resourceId\":\"docker/service/" + "x".repeat(2000) + "\",\"reason\":\"HighCPU\"}]",
            MediaType.APPLICATION_JSON);
    assertThat(problem(huge).get("detail").asText()).contains("is longer than 1024 characters");
  }

  @Test
  void oversizedBody_is413() throws Exception {
    String big =
        "["
            + "{\"resourceId\":\"docker/service/app\",\"reason\":\"HighCPU\"},".repeat(2000)
            + "{}]";

    HttpClientResponseException e = rejected("/v1/ingest/signals", big, MediaType.APPLICATION_JSON);

    assertThat(e.getStatus().getCode()).isEqualTo(413);
    assertThat(problem(e).get("type").asText())
        .isEqualTo("https://vigil.dev/problems/payload-too-large");
  }

  @Test
  void poisonRecordOnKafka_goesToTheDlq_andTheConsumerContinues() throws Exception {
    String resource = "docker/service/after-poison";
    String valid =
        "{\"id\":\"after-poison-1\",\"resourceId\":\"%s\",\"reason\":\"HighCPU\",\"severity\":\"error\",\"observedAt\":\"%s\"}"
            .formatted(resource, Instant.now());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            TestKafka.clientProperties(), new StringSerializer(), new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(topics.signals(), resource, "{\"resourceId\": oops"))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  topics.signals(),
                  resource,
                  "{\"resourceId\":\"" + resource + "\",\"reason\":42}"))
          .get();
      producer.send(new ProducerRecord<>(topics.signals(), resource, valid)).get();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> "Unhealthy".equals(db.health(resource)));

    Map<String, Object> props = new HashMap<>(TestKafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.dlq()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(parked::add);
                return parked.size() >= 2;
              });
    }
    assertThat(parked)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder(
            "{\"resourceId\": oops", "{\"resourceId\":\"" + resource + "\",\"reason\":42}");
    assertThat(parked)
        .extracting(
            r ->
                new String(
                    r.headers().lastHeader(DeadLetters.ERROR).value(), StandardCharsets.UTF_8))
        .anySatisfy(error -> assertThat(error).startsWith("malformed JSON"))
        .anySatisfy(error -> assertThat(error).isEqualTo("reason must be a string, not a number"));
    assertThat(parked)
        .allSatisfy(
            r ->
                assertThat(r.headers().lastHeader(DeadLetters.ORIGIN_TOPIC).value())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(topics.signals()));
  }
}
