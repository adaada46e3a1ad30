package dev.vigil.kafkadev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.temporaldev.LoopbackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real broker as a child process, started from the Kafka jars on the classpath. */
class LocalKafkaTest {

  @Test
  @Timeout(180)
  void kafka_runsAsAChildProcess_andKeepsTopicsAcrossRestarts(@TempDir Path dir) throws Exception {
    int port = LoopbackPorts.free();
    int controllerPort = LoopbackPorts.free();
    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort)) {
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "v1")).get();
      }
    }
    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort);
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "t",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      consumer.subscribe(List.of("kept"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records.count()).isEqualTo(1);
      assertThat(records.iterator().next().value()).isEqualTo("v1");
    }
  }

  @Test
  void kafkaClusterIds_neverStartWithADash_whichTheStorageToolWouldReadAsAFlag() {
    // A plain base64 UUID starts with '-' one time in 64: 10,000 draws would hit it ~156 times.
    for (int i = 0; i < 10_000; i++) {
      assertThat(LocalKafka.clusterId()).doesNotStartWith("-").hasSize(22);
    }
  }
}
