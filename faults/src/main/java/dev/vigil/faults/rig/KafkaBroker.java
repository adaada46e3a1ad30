package dev.vigil.faults.rig;

import dev.vigil.kafkadev.LocalKafka;
import dev.vigil.launcher.KafkaTopics;
import dev.vigil.temporaldev.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The rig's Kafka: the launcher's single KRaft broker as a child process, log directory on disk.
 * The fault suite stops it (SIGKILL, as a crashed broker) and starts it again on the same directory
 * and ports: what it acknowledged is still there.
 */
public final class KafkaBroker implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private LocalKafka kafka;

  private KafkaBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public static KafkaBroker start(Path dataDir) {
    KafkaBroker broker = new KafkaBroker(dataDir, LoopbackPorts.free(), LoopbackPorts.free());
    broker.start();
    try {
      KafkaTopics.ensure(broker.bootstrapServers(), KafkaTopics.VIGIL_TOPICS);
    } catch (Exception e) {
      broker.close();
      throw new IllegalStateException("cannot create Vigil's topics", e);
    }
    return broker;
  }

  public synchronized void start() {
    try {
      kafka = LocalKafka.start(dataDir, port, controllerPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL to the broker. */
  public synchronized void kill() {
    OsSignals.kill(List.of(kafka.pid()));
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public synchronized void close() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
