package dev.vigil.ingest.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of {@code vigil.signals} as the consumer received it, before parsing.
 *
 * @param traceparent the W3C trace context its producer put into the headers, or null
 */
public record IncomingRecord(
    String topic,
    int partition,
    long offset,
    byte[] key,
    byte[] value,
    Instant timestamp,
    String traceparent) {

  public IncomingRecord(
      String topic, int partition, long offset, byte[] key, byte[] value, Instant timestamp) {
    this(topic, partition, offset, key, value, timestamp, null);
  }

  public static IncomingRecord of(ConsumerRecord<byte[], byte[]> record) {
    return new IncomingRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now(),
        traceparent(record));
  }

  private static String traceparent(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
