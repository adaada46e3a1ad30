package dev.vigil.ingest.intake;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.KafkaProducers;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalCodec;
import dev.vigil.telemetry.TraceContexts;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Produces envelopes to {@code vigil.signals}, keyed by resourceId so one resource's events stay in
 * one partition, in order. Returns only once Kafka has acknowledged every record; otherwise throws
 * {@link SignalBusUnavailableException} within the send timeout.
 */
@Singleton
public class SignalPublisher {
  static final String CONTENT_TYPE_HEADER = "content-type";
  private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

  private final KafkaProducers producer;
  private final String topic;
  private final Duration sendTimeout;
  private final TraceContexts traceContexts;

  public SignalPublisher(
      KafkaProducers producer, IngestConfig config, TraceContexts traceContexts) {
    this.producer = producer;
    this.traceContexts = traceContexts;
    this.topic = config.topics().signals();
    this.sendTimeout = config.sendTimeout();
  }

  public void publish(List<Signal> signals) {
    if (signals.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    List<Future<RecordMetadata>> acks = new ArrayList<>(signals.size());
    try {
      for (Signal signal : signals) {
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(topic, signal.resourceId(), SignalCodec.encode(signal));
        record.headers().add(CONTENT_TYPE_HEADER, JSON);
        traceContexts.inject(record.headers());
        acks.add(producer.send(record));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
  }

  private SignalBusUnavailableException unavailable(Throwable cause) {
    return new SignalBusUnavailableException(
        "Kafka did not acknowledge the signals within "
            + sendTimeout.toMillis()
            + " ms ("
            + cause.getClass().getSimpleName()
            + "); retry later",
        cause);
  }
}
