package dev.vigil.ingest.outbox;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.KafkaProducers;
import dev.vigil.ingest.metrics.IngestMetrics.Delivery;
import dev.vigil.store.contracts.Outbox;
import dev.vigil.telemetry.TraceContexts;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes incident rows (written by the incident activities) to {@code vigil.incidents}: the
 * payload verbatim, a CloudEvent 1.0 in structured mode whose type follows CDEvents, keyed by the
 * incident id.
 */
@Singleton
public class IncidentPublisher implements OutboxDestination {
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  private final KafkaProducers producer;
  private final String topic;
  private final Duration callTimeout;
  private final TraceContexts traceContexts;

  public IncidentPublisher(
      KafkaProducers producer,
      IngestConfig ingest,
      RelayConfig config,
      TraceContexts traceContexts) {
    this.traceContexts = traceContexts;
    this.producer = producer;
    this.topic = ingest.topics().incidents();
    this.callTimeout = config.callTimeout();
  }

  @Override
  public String kind() {
    return Outbox.INCIDENT;
  }

  @Override
  public Delivery deliver(OutboxRow row) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic, row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8));
    record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    traceContexts.inject(record.headers());
    try {
      producer.send(record).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
      // Incident rows are not counted in vigil_observations_delivered_total; any non-failure will
      // do.
      return Delivery.SIGNALED;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new DestinationUnavailableException("Kafka unavailable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationUnavailableException("interrupted", e);
    }
  }
}
