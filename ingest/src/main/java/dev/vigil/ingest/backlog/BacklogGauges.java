package dev.vigil.ingest.backlog;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.outbox.OutboxRepository;
import dev.vigil.ingest.state.ConsumerConfig;
import dev.vigil.store.contracts.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of what is waiting: the consumer group's lag on {@code vigil.signals} ({@code
 * vigil_consumer_lag{topic}}) and the undelivered outbox rows per kind ({@code
 * vigil_outbox_backlog{kind}}, {@code vigil_outbox_oldest_age_seconds{kind}}). Refreshed on a
 * schedule, so a scrape never waits on Kafka or PostgreSQL.
 */
@Singleton
public class BacklogGauges {
  public static final String CONSUMER_LAG = "vigil.consumer.lag";
  public static final String OUTBOX_BACKLOG = "vigil.outbox.backlog";
  public static final String OUTBOX_OLDEST_AGE = "vigil.outbox.oldest.age.seconds";
  private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

  private final OutboxRepository outbox;
  private final TransactionOperations<Connection> tx;
  private final Properties kafka;
  private final String groupId;
  private final String topic;
  private final AtomicLong lag = new AtomicLong();
  private final Map<String, AtomicLong> backlog = new HashMap<>();
  private final Map<String, AtomicLong> oldestAge = new HashMap<>();
  private final Clock clock = Clock.systemUTC();
  private Admin admin;

  public BacklogGauges(
      MeterRegistry registry,
      OutboxRepository outbox,
      TransactionOperations<Connection> tx,
      KafkaDefaultConfiguration kafka,
      IngestConfig ingest,
      ConsumerConfig consumer) {
    this.outbox = outbox;
    this.tx = tx;
    this.kafka = kafka.getConfig();
    this.groupId = consumer.groupId();
    this.topic = ingest.topics().signals();
    Gauge.builder(CONSUMER_LAG, lag, AtomicLong::get)
        .description("Records of the topic the ingest consumer group has not committed yet")
        .tag("topic", topic)
        .register(registry);
    for (String kind : List.of(Outbox.OBSERVATION, Outbox.INCIDENT)) {
      AtomicLong count = new AtomicLong();
      AtomicLong age = new AtomicLong();
      backlog.put(kind, count);
      oldestAge.put(kind, age);
      Gauge.builder(OUTBOX_BACKLOG, count, AtomicLong::get)
          .description("Undelivered outbox rows")
          .tag("kind", kind)
          .register(registry);
      Gauge.builder(OUTBOX_OLDEST_AGE, age, AtomicLong::get)
          .description("Age of the oldest undelivered outbox row")
          .baseUnit("seconds")
          .tag("kind", kind)
          .register(registry);
    }
  }

  @Scheduled(fixedDelay = "${vigil.ingest.metrics.refresh-interval:15s}", initialDelay = "2s")
  void scheduled() {
    refresh();
  }

  public void refresh() {
    try {
      refreshOutbox();
    } catch (RuntimeException e) {
      LOG.debug("outbox gauges not refreshed: {}", e.toString());
    }
    try {
      refreshLag();
    } catch (Exception e) {
      LOG.debug("consumer lag not refreshed: {}", e.toString());
    }
  }

  void refreshOutbox() {
    Map<String, OutboxRepository.Backlog> rows = tx.executeRead(status -> outbox.backlog());
    Instant now = clock.instant();
    backlog.forEach(
        (kind, gauge) -> {
          OutboxRepository.Backlog b = rows.get(kind);
          gauge.set(b == null ? 0 : b.count());
          oldestAge
              .get(kind)
              .set(
                  b == null || b.oldestCreatedAt() == null
                      ? 0
                      : Math.max(0, Duration.between(b.oldestCreatedAt(), now).toSeconds()));
        });
  }

  void refreshLag() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin()
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    committed.keySet().stream()
        .filter(tp -> tp.topic().equals(topic))
        .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    if (latest.isEmpty()) {
      lag.set(0);
      return;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin().listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long total = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      total += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
    }
    lag.set(total);
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Properties props = new Properties();
      for (Map.Entry<Object, Object> entry : kafka.entrySet()) {
        if (AdminClientConfig.configNames().contains(String.valueOf(entry.getKey()))) {
          props.put(entry.getKey(), entry.getValue());
        }
      }
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-ingest-lag");
      admin = Admin.create(props);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
