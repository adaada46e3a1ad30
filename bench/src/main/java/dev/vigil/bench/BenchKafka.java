package dev.vigil.bench;

import dev.vigil.kafkadev.LocalKafka;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's Kafka broker: kafka-dev's {@link LocalKafka}, a JVM of its own as in production,
 * where a broker never shares ingest's heap (in the benchmark's JVM its allocations lengthened
 * ingest's G1 pauses). Its log directory is a temporary one, removed on close.
 */
final class BenchKafka implements AutoCloseable {
  private final Path dir;
  private final LocalKafka kafka;

  private BenchKafka(Path dir, LocalKafka kafka) {
    this.dir = dir;
    this.kafka = kafka;
  }

  static BenchKafka start() throws IOException {
    Path dir = Files.createTempDirectory("vigil-bench-kafka");
    return new BenchKafka(dir, LocalKafka.start(dir, LoopbackPorts.free(), LoopbackPorts.free()));
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Creates the topics, each with this many partitions. */
  void createTopics(int partitions, String... names) {
    TestKafka.createTopics(bootstrapServers(), partitions, List.of(names));
  }

  @Override
  public void close() {
    kafka.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(BenchKafka::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path, e);
    }
  }
}
