package dev.vigil.ingest.state;

import static org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MIN_BYTES_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.intake.SignalPublisher;
import dev.vigil.ingest.ttl.TtlConfig;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs this replica's partition owners ({@code vigil.ingest.consumer.threads} of them), each on a
 * thread of its own with its own Kafka consumer in the ingest group: the group spreads the
 * partitions over all owners of all replicas. Stops them on shutdown, each writing what it holds.
 */
@Context
@Requires(property = "vigil.ingest.consumer.enabled", notEquals = "false")
public class SignalConsumers {
  private final List<PartitionOwner> owners = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  public SignalConsumers(
      KafkaDefaultConfiguration kafka,
      IngestConfig ingest,
      ConsumerConfig config,
      TtlConfig ttl,
      SignalBatchProcessor reader,
      ResourceStateService writer,
      PartitionLedger ledger,
      SignalPublisher republisher) {
    String topic = ingest.topics().signals();
    for (int i = 1; i <= Math.max(1, config.threads()); i++) {
      String name = "vigil-ingest-signals-" + i;
      // the owner's name is its Kafka client id too: which instance owns which partition shows in
      // the group's description (kafka-consumer-groups --describe) and in the ledger alike
      String owned = name + "@" + ProcessHandle.current().pid();
      PartitionOwner owner =
          new PartitionOwner(
              new KafkaConsumer<>(
                  properties(kafka.getConfig(), config, owned),
                  new ByteArrayDeserializer(),
                  new ByteArrayDeserializer()),
              topic,
              owned,
              config,
              ttl,
              reader,
              writer,
              ledger,
              republisher);
      owners.add(owner);
      Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(owner);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** The Kafka consumer's settings: connection and security from {@code kafka.*}, then ours. */
  static Properties properties(Properties kafka, ConsumerConfig config, String clientId) {
    Properties props = new Properties();
    for (Map.Entry<Object, Object> entry : kafka.entrySet()) {
      if (org.apache.kafka.clients.consumer.ConsumerConfig.configNames()
          .contains(String.valueOf(entry.getKey()))) {
        props.put(entry.getKey(), entry.getValue());
      }
    }
    props.put(GROUP_ID_CONFIG, config.groupId());
    props.put(CLIENT_ID_CONFIG, clientId);
    props.put(ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
    props.putIfAbsent(MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
    props.put(FETCH_MIN_BYTES_CONFIG, String.valueOf(config.fetchMinBytes()));
    props.put(FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(config.fetchMaxWait().toMillis()));
    return props;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    owners.forEach(PartitionOwner::stop);
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }
}
