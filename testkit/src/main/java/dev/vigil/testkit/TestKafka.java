package dev.vigil.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;

/**
 * A real Kafka broker: one combined KRaft broker/controller from Kafka's own test kit, in this JVM,
 * started once. Topic names are per test, so tests sharing the broker stay apart.
 */
public final class TestKafka {
  private static KafkaClusterTestKit cluster;

  /**
   * Kafka's own shutdown hooks (the test kit deletes its log directories in one), run after the
   * broker has stopped instead of beside it: JVM shutdown hooks run concurrently, and a broker that
   * sees its log directories vanish halts the JVM with code 1 ("all log dirs have failed"), which
   * failed test forks whose tests had all passed (surefire: "Error occurred in starting fork").
   */
  private static final List<Runnable> KAFKA_HOOKS = new CopyOnWriteArrayList<>();

  private static volatile boolean stopping;

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (cluster == null) {
      Exit.setShutdownHookAdder((name, hook) -> KAFKA_HOOKS.add(hook));
      Exit.setHaltProcedure(TestKafka::haltUnlessStopping);
      Exit.setExitProcedure(TestKafka::haltUnlessStopping);
      cluster = start();
      Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
    }
    return cluster.bootstrapServers();
  }

  /**
   * While tests run, Kafka ends the JVM as it would its own; once this JVM is exiting, a broker's
   * fatal error during its shutdown is reported and no longer turns a passed run into a failure.
   */
  private static void haltUnlessStopping(int status, String message) {
    if (!stopping) {
      Runtime.getRuntime().halt(status);
    }
    System.err.println(
        "test-kafka: the broker asked to end the JVM with "
            + status
            + " while stopping: "
            + message);
  }

  /** Creates topics (idempotent) with the given partition count. */
  public static void createTopics(int partitions, Collection<String> names) {
    createTopics(bootstrapServers(), partitions, names);
  }

  /** Creates topics (idempotent) with the given partition count on the broker at bootstrap. */
  public static void createTopics(String bootstrap, int partitions, Collection<String> names) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      for (String name : names) {
        try {
          admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static void createTopics(int partitions, String... names) {
    createTopics(partitions, List.of(names));
  }

  private static KafkaClusterTestKit start() {
    try {
      KafkaClusterTestKit kit =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("auto.create.topics.enable", "true")
              .setConfigProp("num.partitions", "4")
              .build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka broker", e);
    }
  }

  private static synchronized void stop() {
    stopping = true;
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception ignored) {
        // the JVM is exiting
      }
      cluster = null;
    }
    for (Runnable hook : KAFKA_HOOKS) {
      try {
        hook.run();
      } catch (RuntimeException ignored) {
        // best effort: temporary directories
      }
    }
  }

  /** Client properties pointing at the broker, for plain producers and consumers in tests. */
  public static Map<String, Object> clientProperties() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }
}
