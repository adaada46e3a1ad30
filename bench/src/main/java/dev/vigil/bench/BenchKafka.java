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
 * ingest's G1 pauses). Its log directory is a temporary one, removed on close, in memory ({@value
 * #TMPFS}) when that has room: in production a broker never shares PostgreSQL's disk, and it never
 * fsyncs its log anyway (durability is replication). On this machine's one ext4 disk the broker's
 * page-cache writeback (about 12 MB/s at 37,000 events/s) and PostgreSQL's WAL flushes share the
 * disk (most likely its journal), and commits stalled behind it: 400-800 ms with no transaction of
 * ingest's own slower, and the paced p99 measured that instead of ingest.
 */
final class BenchKafka implements AutoCloseable {
  private static final String TMPFS = "/dev/shm";

  /** Room the broker's log needs at the default sizes: two 1M-event topics and 4 paced runs. */
  private static final long TMPFS_ROOM = 8L << 30;

  private final Path dir;
  private final LocalKafka kafka;

  private BenchKafka(Path dir, LocalKafka kafka) {
    this.dir = dir;
    this.kafka = kafka;
  }

  static BenchKafka start() throws IOException {
    Path memory = Path.of(TMPFS);
    Path dir =
        hasRoom(memory)
            ? Files.createTempDirectory(memory, "vigil-bench-kafka")
            : Files.createTempDirectory("vigil-bench-kafka");
    return new BenchKafka(dir, LocalKafka.start(dir, LoopbackPorts.free(), LoopbackPorts.free()));
  }

  private static boolean hasRoom(Path dir) {
    try {
      return Files.isDirectory(dir)
          && Files.isWritable(dir)
          && Files.getFileStore(dir).getUsableSpace() >= TMPFS_ROOM;
    } catch (IOException e) {
      return false;
    }
  }

  /** The broker's process, whose CPU time the paced runs report. */
  long pid() {
    return kafka.pid();
  }

  /** Where the broker's log is, for the table's header. */
  String logDir() {
    return dir.toString();
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
