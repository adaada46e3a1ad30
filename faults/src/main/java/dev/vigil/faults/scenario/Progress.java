package dev.vigil.faults.scenario;

import dev.vigil.faults.rig.Rig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the ingest consumer group got on a topic, from Kafka's own bookkeeping. */
final class Progress {
  static final String SIGNALS = "vigil.signals";
  static final String DLQ = "vigil.signals.dlq";
  static final String GROUP = "vigil-ingest";

  private Progress() {}

  /** Sum of the group's committed offsets on {@code topic}. */
  static long committed(Rig rig, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          rig.admin()
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the committed offsets of " + GROUP, e);
    }
  }

  /**
   * How many ingest instances own partitions in the group: each instance runs several owners, whose
   * client ids ({@code vigil-ingest-signals-<n>@<pid>}) end in the instance's pid.
   */
  static long instancesOwningPartitions(Rig rig) {
    try {
      return rig
          .admin()
          .describeConsumerGroups(List.of(GROUP))
          .all()
          .get(10, TimeUnit.SECONDS)
          .get(GROUP)
          .members()
          .stream()
          .filter(m -> !m.assignment().topicPartitions().isEmpty())
          .map(m -> m.clientId().substring(m.clientId().indexOf('@') + 1))
          .distinct()
          .count();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe the group " + GROUP, e);
    }
  }

  /** Sum of the end offsets of {@code topic}'s partitions. */
  static long end(Rig rig, String topic) {
    try {
      List<TopicPartition> partitions =
          rig
              .admin()
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      ListOffsetsResult result =
          rig.admin()
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
      long sum = 0;
      for (TopicPartition p : partitions) {
        sum += result.partitionResult(p).get(10, TimeUnit.SECONDS).offset();
      }
      return sum;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e);
    }
  }
}
