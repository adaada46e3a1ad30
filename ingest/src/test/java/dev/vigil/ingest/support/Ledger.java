package dev.vigil.ingest.support;

import dev.vigil.testkit.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether ingest has applied everything on a topic: the next offsets it stored with the state
 * ({@code ingest_offset}) reach the topic's end offsets. This is "applied" in the partition-owner
 * design, where no row per event exists to count.
 */
public final class Ledger {
  private Ledger() {}

  public static boolean caughtUp(Db db, String topic) {
    long end = endOffsets(topic);
    long stored =
        db.count("select coalesce(sum(next_offset), 0) from ingest_offset where topic = ?", topic);
    return stored >= end;
  }

  public static long endOffsets(String topic) {
    try (Admin admin = Admin.create(TestKafka.clientProperties())) {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      var result = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      return result.values().stream().mapToLong(r -> r.offset()).sum();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e);
    }
  }
}
