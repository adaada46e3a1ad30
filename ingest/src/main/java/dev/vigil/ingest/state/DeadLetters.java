package dev.vigil.ingest.state;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.KafkaProducers;
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
import org.apache.kafka.common.header.Headers;

/**
 * Sends records the consumer cannot parse to {@code vigil.signals.dlq}: the original key and value
 * untouched, the error and the origin in headers ({@code vigil.dlq.*}). Waits for Kafka's ack, so
 * the consumer commits past a poison record only once it is safely parked.
 */
@Singleton
public class DeadLetters {
  public static final String ERROR = "vigil.dlq.error";
  public static final String FIELD = "vigil.dlq.field";
  public static final String ORIGIN_TOPIC = "vigil.dlq.topic";
  public static final String ORIGIN_PARTITION = "vigil.dlq.partition";
  public static final String ORIGIN_OFFSET = "vigil.dlq.offset";

  private final KafkaProducers producer;
  private final String topic;
  private final Duration timeout;

  public DeadLetters(KafkaProducers producer, IngestConfig config) {
    this.producer = producer;
    this.topic = config.topics().dlq();
    this.timeout = config.sendTimeout();
  }

  /** A record and why it cannot be used. */
  public record Failure(IncomingRecord record, String error, String field) {}

  public void send(List<Failure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(failures.size());
    for (Failure failure : failures) {
      IncomingRecord origin = failure.record();
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              topic,
              origin.key() == null ? null : new String(origin.key(), StandardCharsets.UTF_8),
              origin.value());
      Headers headers = record.headers();
      headers.add(ERROR, utf8(failure.error()));
      if (failure.field() != null) {
        headers.add(FIELD, utf8(failure.field()));
      }
      headers.add(ORIGIN_TOPIC, utf8(origin.topic()));
      headers.add(ORIGIN_PARTITION, utf8(String.valueOf(origin.partition())));
      headers.add(ORIGIN_OFFSET, utf8(String.valueOf(origin.offset())));
      acks.add(producer.send(record));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot park unparseable records on " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parking records on " + topic, e);
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
