package dev.vigil.ingest.state;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of {@code vigil.signals} as the consumer received it, before parsing. */
public record IncomingRecord(
    String topic, int partition, long offset, byte[] key, byte[] value, Instant timestamp) {

  public static IncomingRecord of(ConsumerRecord<byte[], byte[]> record) {
    return new IncomingRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now());
  }
}
