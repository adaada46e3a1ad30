package dev.vigil.ingest.state;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The signal consumer: polls {@code vigil.signals} in batches, hands them to {@link
 * SignalBatchProcessor}, and commits the offsets only after the PostgreSQL transaction committed.
 * When the batch fails (the database is down), the consumer seeks back and retries it after a
 * delay; the inbox makes the retry idempotent.
 */
@Requires(property = "vigil.ingest.consumer.enabled", notEquals = "false")
@KafkaListener(
    groupId = "${vigil.ingest.consumer.group-id:vigil-ingest}",
    clientId = "vigil-ingest-signals",
    batch = true,
    threadsValue = "${vigil.ingest.consumer.threads:1}",
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.DISABLED,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_ON_ERROR,
            retryDelay = "${vigil.ingest.consumer.retry-delay:2s}",
            retryCount = Integer.MAX_VALUE),
    properties = {
      @Property(
          name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
          value = "${vigil.ingest.consumer.max-poll-records:500}"),
      @Property(name = ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, value = "false")
    })
public class SignalConsumer {
  private final SignalBatchProcessor processor;

  public SignalConsumer(SignalBatchProcessor processor) {
    this.processor = processor;
  }

  @Topic("${vigil.ingest.topics.signals:vigil.signals}")
  public void receive(
      List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> kafkaConsumer) {
    processor.process(records.stream().map(IncomingRecord::of).toList());
    kafkaConsumer.commitSync(nextOffsets(records));
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      offsets.merge(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
  }
}
