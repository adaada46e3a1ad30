package dev.vigil.ingest;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of the service (signals, DLQ records, incident CloudEvents): acks from all
 * in-sync replicas and idempotence, so an acknowledged record is durable and a retried send is not
 * written twice. Its timeouts are bounded by {@code vigil.ingest.send-timeout}, so a receiver can
 * answer 503 while Kafka is down instead of hanging. Connection and security settings come from
 * {@code kafka.*}.
 */
@Singleton
public class KafkaProducers implements AutoCloseable {
  /** Request timeout at most this, so a few retries fit into the send timeout. */
  private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Producer<String, byte[]> producer;

  public KafkaProducers(KafkaDefaultConfiguration kafka, IngestConfig config) {
    this.producer =
        new KafkaProducer<>(
            properties(kafka.getConfig(), config.sendTimeout()),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Hands a record to the producer; the future completes when Kafka acknowledged it. */
  public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    return producer.send(record);
  }

  static Properties properties(Properties kafka, Duration sendTimeout) {
    Properties props = new Properties();
    for (Map.Entry<Object, Object> entry : kafka.entrySet()) {
      if (ProducerConfig.configNames().contains(String.valueOf(entry.getKey()))) {
        props.put(entry.getKey(), entry.getValue());
      }
    }
    long send = Math.max(sendTimeout.toMillis(), 1000);
    long request = Math.min(MAX_REQUEST_TIMEOUT.toMillis(), send / 2);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(send));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(send));
    return props;
  }

  @Override
  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
