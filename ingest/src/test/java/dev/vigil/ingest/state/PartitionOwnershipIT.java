package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.ingest.support.Db;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.Ledger;
import dev.vigil.store.contracts.Severity;
import dev.vigil.testkit.TestKafka;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partition ownership over a real Kafka broker and PostgreSQL: the offsets stored with the state
 * decide what is applied, not Kafka's committed offsets (which follow them for lag monitoring); an
 * owner that lost its partition writes nothing; a record keyed by something other than its resource
 * reaches its resource's owner.
 */
@Timeout(180)
class PartitionOwnershipIT {
  private static final String TYPE = "faults/host";

  @Test
  void kafkasOffsetsBehindTheStoredOnes_aRestartAppliesNothingTwice() throws Exception {
    Rig rig = Rig.of("ownership-redelivery", true);
    Db db = rig.db();
    IngestTestProperties.Topics topics = rig.topics();
    Map<String, Object> props = rig.props();

    produce(topics.signals(), "redelivery", 0, 400);
    try (ApplicationContext first = ApplicationContext.run(props)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.caughtUp(db, topics.signals()));
    }
    assertThat(totalCount(db, "redelivery")).isEqualTo(400);

    // As if the process died after its PostgreSQL commit and before Kafka's: the group's committed
    // offsets go back to the beginning.
    try (Admin admin = Admin.create(TestKafka.clientProperties())) {
      Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
      for (int p = 0; p < 4; p++) {
        zero.put(new TopicPartition(topics.signals(), p), new OffsetAndMetadata(0));
      }
      admin.alterConsumerGroupOffsets(rig.group(), zero).all().get(30, TimeUnit.SECONDS);
    }
    produce(topics.signals(), "redelivery", 400, 100);
    try (ApplicationContext second = ApplicationContext.run(props)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.caughtUp(db, topics.signals()));
    }

    assertThat(totalCount(db, "redelivery")).as("400 + 100 events, each once").isEqualTo(500);
  }

  @Test
  void kafkasCommittedOffsets_followTheStoredOnes_asSoonAsTheOwnerIsIdle() throws Exception {
    Rig rig = Rig.of("ownership-lag", true);
    Db db = rig.db();
    IngestTestProperties.Topics topics = rig.topics();
    Map<String, Object> props = rig.props();
    // While records keep coming, commits wait an hour: only going idle may send them.
    props.put("vigil.ingest.consumer.commit-interval", "1h");

    try (ApplicationContext context = ApplicationContext.run(props);
        Admin admin = Admin.create(TestKafka.clientProperties())) {
      for (int burst = 0; burst < 3; burst++) {
        produce(topics.signals(), "lag", burst * 200, 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.caughtUp(db, topics.signals()));
        long stored =
            db.count(
                "select coalesce(sum(next_offset), 0) from ingest_offset where topic = ?",
                topics.signals());
        assertThat(stored).isEqualTo((burst + 1) * 200L);
        await()
            .alias("burst " + burst + ": lag monitoring sees what is stored")
            .atMost(Duration.ofSeconds(10))
            .until(() -> committed(admin, rig.group(), topics.signals()) == stored);
      }
    }
    assertThat(totalCount(db, "lag")).isEqualTo(600);
  }

  private static long committed(Admin admin, String group, String topic) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS)
        .entrySet()
        .stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  @Test
  void anOwnerThatLostItsPartition_isFenced_andWritesNothing() {
    Rig rig = Rig.of("ownership-fence", false);
    Db db = rig.db();
    IngestTestProperties.Topics topics = rig.topics();
    Map<String, Object> props = rig.props();
    try (ApplicationContext context = ApplicationContext.run(props)) {
      ResourceStateService writer = context.getBean(ResourceStateService.class);
      PartitionLedger ledger = context.getBean(PartitionLedger.class);
      String topic = topics.signals();
      String resource = "faults/fence/host-1";
      ledger.createIfMissing(topic, 0, 0, "owner-a");

      // owner A applies offsets 0..9
      writer.apply(batch(topic, "owner-a", resource, 0, 10, 0L), new ResourceCache(100));
      // the zombie still believes the partition is at 0 (it lost it before A's write)
      ResourceCache zombieCache = new ResourceCache(100);
      assertThatThrownBy(
              () -> writer.apply(batch(topic, "zombie", resource, 100, 5, 0L), zombieCache))
          .isInstanceOf(ResourceStateService.FencedException.class);
      assertThatThrownBy(
              () -> writer.expireDue(topic, "zombie", Map.of(0, 0L), id -> 0, zombieCache, 100))
          .isInstanceOf(ResourceStateService.FencedException.class);

      assertThat(totalCount(db, "fence")).as("only owner A's ten events").isEqualTo(10);
      assertThat(ledger.load(topic, List.of(0))).containsEntry(0, 10L);
      assertThat(zombieCache.size()).isZero();
      // A goes on from where it is
      writer.apply(batch(topic, "owner-a", resource, 10, 5, 10L), new ResourceCache(100));
      assertThat(totalCount(db, "fence")).isEqualTo(15);
    }
  }

  @Test
  void aKnownRowIsRewrittenInPlace_andOneThatVanishedIsWrittenWholeAgain() {
    Rig rig = Rig.of("ownership-rewrite", false);
    Db db = rig.db();
    IngestTestProperties.Topics topics = rig.topics();
    Map<String, Object> props = rig.props();
    try (ApplicationContext context = ApplicationContext.run(props)) {
      ResourceStateService writer = context.getBean(ResourceStateService.class);
      PartitionLedger ledger = context.getBean(PartitionLedger.class);
      String topic = topics.signals();
      String resource = "faults/rewrite/host-1";
      ledger.createIfMissing(topic, 0, 0, "owner-a");
      ResourceCache cache = new ResourceCache(100);
      String identity =
          "select id, type, cluster, namespace, name, component, labels::text as labels, partition"
              + " from resource_state where id = ?";

      writer.apply(batch(topic, "owner-a", resource, 0, 10, 0L), cache); // inserted
      Map<String, Object> inserted = db.row(identity, resource);
      writer.apply(batch(topic, "owner-a", resource, 10, 5, 10L), cache); // known: rewritten
      assertThat(totalCount(db, "rewrite")).isEqualTo(15);
      assertThat(db.row(identity, resource)).as("identity untouched").isEqualTo(inserted);

      // Nothing in Vigil deletes a row; if something did, the owner's cache still knows it.
      db.update("delete from resource_state where id = ?", resource);
      writer.apply(batch(topic, "owner-a", resource, 15, 5, 15L), cache);
      assertThat(totalCount(db, "rewrite")).as("the cached 15 and the batch's 5").isEqualTo(20);
      assertThat(db.row(identity, resource)).isEqualTo(inserted);
    }
  }

  @Test
  void aRecordKeyedByAnotherKey_reachesItsResourcesOwner_andCountsOnce() throws Exception {
    Rig rig = Rig.of("ownership-misplaced", true);
    Db db = rig.db();
    IngestTestProperties.Topics topics = rig.topics();
    Map<String, Object> props = rig.props();
    try (ApplicationContext context = ApplicationContext.run(props);
        KafkaProducer<byte[], byte[]> producer = producer()) {
      String resource = "faults/misplaced/host-1";
      for (int i = 0; i < 20; i++) {
        // keys spread over every partition, whatever the resource's own
        producer.send(
            new ProducerRecord<>(
                topics.signals(),
                ("not-the-resource-" + i).getBytes(StandardCharsets.UTF_8),
                envelope("misplaced-" + i, resource, Instant.now().minusSeconds(60 - i))));
      }
      producer.flush();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> totalCount(db, "misplaced") == 20 && Ledger.caughtUp(db, topics.signals()));
      assertThat(totalCount(db, "misplaced")).isEqualTo(20);
      assertThat(db.row("select partition from resource_state where id = ?", resource))
          .as("written by the owner of the partition its id hashes to")
          .containsEntry("partition", home(resource));
    }
  }

  /**
   * One test's own database and topics, and the properties of an ingest context on them with the
   * outbox relay off (and the partition owners too, for tests that drive the writer directly).
   */
  private record Rig(
      String name, Db db, IngestTestProperties.Topics topics, Map<String, Object> props) {
    static Rig of(String name, boolean owners) {
      TestPostgres.Database database = TestPostgres.newDatabase(name);
      IngestTestProperties.Topics topics = IngestTestProperties.topics(name);
      Map<String, Object> props =
          new HashMap<>(IngestTestProperties.of(name, database, topics, null));
      props.put("vigil.ingest.relay.enabled", "false");
      if (!owners) {
        props.put("vigil.ingest.consumer.enabled", "false");
      }
      return new Rig(name, new Db(database.dataSource()), topics, props);
    }

    /** The ingest consumer group IngestTestProperties gives this test. */
    String group() {
      return name + "-ingest";
    }
  }

  private static int home(String resourceId) {
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(
                resourceId.getBytes(StandardCharsets.UTF_8)))
        % 4;
  }

  private static ResourceStateService.OwnedBatch batch(
      String topic, String owner, String resource, int firstOffset, int n, long expected) {
    List<Signal> signals = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      signals.add(
          new Signal(
              owner + "-" + (firstOffset + i),
              "test",
              resource,
              TYPE,
              "test",
              null,
              null,
              "Alert",
              "Load",
              Severity.WARNING,
              SignalStatus.FIRING,
              false,
              null,
              Map.of(),
              Instant.now().minusSeconds(100 - firstOffset - i)));
    }
    return new ResourceStateService.OwnedBatch(
        topic,
        owner,
        signals,
        Map.of(resource, 0),
        Map.of(0, expected),
        Map.of(0, (long) firstOffset + n),
        Map.of());
  }

  /** The sum of the counts of the active signals of resources whose id contains {@code mark}. */
  private static long totalCount(Db db, String mark) {
    return db.count(
        "select coalesce(sum((s->>'count')::int), 0) from resource_state,"
            + " json_array_elements(active_signals) as s where id like ?",
        "%" + mark + "%");
  }

  private static void produce(String topic, String mark, int from, int n) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = from; i < from + n; i++) {
        String resource = "faults/" + mark + "/host-" + (i % 20);
        producer.send(
            new ProducerRecord<>(
                topic,
                resource.getBytes(StandardCharsets.UTF_8),
                envelope(
                    mark + "-" + i, resource, Instant.now().minusSeconds(3600).plusMillis(i))));
      }
      producer.flush();
    }
  }

  private static byte[] envelope(String id, String resource, Instant at) {
    return ("{\"id\":\""
            + id
            + "\",\"source\":\"test\",\"resourceId\":\""
            + resource
            + "\",\"resourceType\":\""
            + TYPE
            + "\",\"code\":\"Alert\",\"reason\":\"Load\","
            + "\"severity\":\"warning\",\"status\":\"firing\",\"observedAt\":\""
            + at
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props);
  }
}
