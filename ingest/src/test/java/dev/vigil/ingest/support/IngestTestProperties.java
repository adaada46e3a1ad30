package dev.vigil.ingest.support;

import dev.vigil.testkit.TestKafka;
import dev.vigil.testkit.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/**
 * Properties of an ingest application context over real dependencies: a fresh PostgreSQL database,
 * topics and a consumer group of its own on the shared Kafka broker, a Temporal test server, and
 * short intervals so tests do not wait.
 */
public final class IngestTestProperties {
  private IngestTestProperties() {}

  public record Topics(String signals, String dlq, String incidents) {}

  public static Topics topics(String name) {
    Topics topics = new Topics(name + ".signals", name + ".signals.dlq", name + ".incidents");
    TestKafka.createTopics(4, topics.signals(), topics.dlq(), topics.incidents());
    return topics;
  }

  public static Map<String, String> of(
      String name, TestPostgres.Database db, Topics topics, String temporalTarget) {
    Map<String, String> p = new HashMap<>();
    p.put("micronaut.server.port", "-1");
    p.put("micronaut.server.host", "127.0.0.1");
    p.put("datasources.default.url", db.jdbcUrl());
    p.put("datasources.default.username", db.user());
    p.put("datasources.default.password", db.password());
    p.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
    p.put("vigil.ingest.topics.signals", topics.signals());
    p.put("vigil.ingest.topics.dlq", topics.dlq());
    p.put("vigil.ingest.topics.incidents", topics.incidents());
    p.put("vigil.ingest.consumer.group-id", name + "-ingest");
    p.put("vigil.ingest.consumer.retry-delay", "500ms");
    p.put("vigil.ingest.relay.poll-interval", "100ms");
    p.put("vigil.ingest.relay.call-timeout", "5s");
    p.put("vigil.ingest.relay.initial-backoff", "200ms");
    p.put("vigil.ingest.relay.max-backoff", "1s");
    p.put("vigil.ingest.ttl.sweep-interval", "200ms");
    p.put("vigil.ingest.metrics.refresh-interval", "500ms");
    p.put("vigil.cluster-name", "test");
    if (temporalTarget != null) {
      p.put("vigil.temporal.target", temporalTarget);
    }
    return p;
  }
}
