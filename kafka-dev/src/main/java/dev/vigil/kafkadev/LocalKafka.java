package dev.vigil.kafkadev;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker for local runs, as a child process started from the Kafka jars
 * already on this JVM's classpath (no download, no Docker). Its log directory lives under the
 * launcher's data directory, so topics survive a restart; it listens on loopback only.
 */
public final class LocalKafka implements Closeable {
  private final Process process;
  private final int port;

  private LocalKafka(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static LocalKafka start(Path dataDir, int port, int controllerPort) throws IOException {
    Path logs = dataDir.resolve("logs");
    Files.createDirectories(logs);
    Path config = dataDir.resolve("server.properties");
    Files.writeString(config, serverProperties(logs, port, controllerPort));
    if (!Files.exists(logs.resolve("meta.properties"))) {
      String clusterId = clusterId();
      run(
          dataDir.resolve("format.log"),
          "kafka.tools.StorageTool",
          "format",
          "-t",
          clusterId,
          "-c",
          config.toString());
    }
    Process broker =
        java("kafka.Kafka", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("kafka.log").toFile())
            .start();
    LocalKafka kafka = new LocalKafka(broker, port);
    try {
      kafka.awaitPort(Duration.ofSeconds(120), dataDir.resolve("kafka.log"));
    } catch (IOException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  static String serverProperties(Path logs, int port, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + logs,
        "num.partitions=4",
        "auto.create.topics.enable=true",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.retention.hours=24",
        "");
  }

  /**
   * A new cluster id for {@code kafka-storage format -t}. Kafka's own generator: a plain base64 of
   * a random UUID starts with {@code -} one time in 64, and the storage tool then reads it as a
   * flag (the broker never formats and {@code ./vigil dev} fails to start).
   */
  static String clusterId() {
    return Uuid.randomUuid().toString();
  }

  private static void run(Path log, String mainClass, String... args) throws IOException {
    Process p =
        java(mainClass, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(mainClass + " failed: " + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  private static ProcessBuilder java(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(ChildSession.prefix());
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  private void awaitPort(Duration timeout, Path log) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Kafka exited with " + process.exitValue() + ": " + tail(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for Kafka", e);
        }
      }
    }
    throw new IOException("Kafka did not open 127.0.0.1:" + port + " within " + timeout);
  }

  /** The last lines of a child's log, so a failure says why without a trip to the file. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
          + "\n(full log: "
          + log
          + ")";
    } catch (IOException e) {
      return "see " + log;
    }
  }

  /** The broker's process id (the fault suite stops it with signals). */
  public long pid() {
    return process.pid();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
