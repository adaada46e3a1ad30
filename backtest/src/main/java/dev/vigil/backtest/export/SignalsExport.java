package dev.vigil.backtest.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads Vigil's own recent signals from {@code vigil.signals} and writes them as a recorded stream
 * for {@code ./vigil backtest}: one line per record, {@code {"at": <record timestamp, the time
 * ingest received it>, "source": "signals", "body": <the envelope as ingest produced it>}}, ordered
 * by receive time across partitions. It reads without a consumer group (assigns every partition,
 * seeks by timestamp, stops at the end offsets it found when it started), so it never moves the
 * ingest consumers' offsets. Records that are not JSON objects are counted and left out: ingest
 * parks those on its DLQ too.
 */
public final class SignalsExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  /** What an export wrote. */
  public record Result(int written, int skipped, Instant from, Instant to) {}

  private record Line(long timestamp, int partition, long offset, String json) {}

  private final String bootstrapServers;
  private final String topic;
  private final Duration timeout;

  public SignalsExport(String bootstrapServers, String topic, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.timeout = timeout;
  }

  /** Writes the signals received since {@code since} (up to now) to {@code out}. */
  public Result export(Instant since, Writer out) throws IOException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    List<Line> lines = new ArrayList<>();
    int skipped = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist at " + bootstrapServers);
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp start = starts.get(partition);
        long first = start == null ? end.get(partition) : start.offset();
        consumer.seek(partition, first);
        if (first < end.get(partition)) {
          remaining.put(partition, end.get(partition));
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "timed out reading " + topic + " at " + bootstrapServers + " after " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          Long stop = remaining.get(partition);
          if (stop == null || record.offset() >= stop) {
            continue;
          }
          String line = line(record);
          if (line == null) {
            skipped++;
          } else {
            lines.add(new Line(record.timestamp(), record.partition(), record.offset(), line));
          }
          if (record.offset() + 1 >= stop) {
            remaining.remove(partition);
          }
        }
      }
    }
    lines.sort(
        Comparator.comparingLong(Line::timestamp)
            .thenComparingInt(Line::partition)
            .thenComparingLong(Line::offset));
    for (Line line : lines) {
      out.write(line.json());
      out.write('\n');
    }
    out.flush();
    return new Result(
        lines.size(),
        skipped,
        lines.isEmpty() ? null : Instant.ofEpochMilli(lines.get(0).timestamp()),
        lines.isEmpty() ? null : Instant.ofEpochMilli(lines.get(lines.size() - 1).timestamp()));
  }

  /** The recorded line of a record, or null when its value is not a JSON object. */
  static String line(ConsumerRecord<byte[], byte[]> record) {
    JsonNode envelope;
    try {
      envelope = record.value() == null ? null : JSON.readTree(record.value());
    } catch (IOException e) {
      return null;
    }
    if (envelope == null || !envelope.isObject()) {
      return null;
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("at", Instant.ofEpochMilli(record.timestamp()).toString());
    line.put("source", "signals");
    line.set("body", envelope);
    return line.toString();
  }
}
