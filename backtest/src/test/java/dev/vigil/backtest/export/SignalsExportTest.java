package dev.vigil.backtest.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backtest.Backtest;
import dev.vigil.backtest.BacktestOptions;
import dev.vigil.backtest.Engine;
import dev.vigil.backtest.Engines;
import dev.vigil.backtest.PolicySet;
import dev.vigil.backtest.Received;
import dev.vigil.backtest.Recording;
import dev.vigil.backtest.Report;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalCodec;
import dev.vigil.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil signals export} against a real Kafka topic: the recorded week, published the way
 * ingest's receivers publish it (normalized envelopes keyed by resource id, stamped with the
 * receive time), exported, and backtested again.
 */
@Timeout(300)
class SignalsExportTest {
  static final Path WEEK = Path.of("../examples/backtest/week.jsonl");
  static final Path POLICIES = Path.of("../examples/policies.yaml");
  static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

  @TempDir Path dir;

  @Test
  void export_writesWhatIngestPublished_andItsBacktestDoesWhatTheRecordingsDid() throws Exception {
    Engine engine = Engines.shared();
    Recording week = Backtest.read(engine, WEEK, false);
    String topic = "vigil.signals.export-" + UUID.randomUUID();
    TestKafka.createTopics(3, topic);
    publish(topic, week);
    Path exported = dir.resolve("exported.jsonl");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = export(topic, "7d", exported, err);

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("exported " + week.signals() + " signals")
        .contains("left out 1 non-JSON records");
    Recording again = Backtest.read(engine, exported, false);
    assertThat(signals(again)).containsExactlyInAnyOrderElementsOf(signals(week));
    assertThat(again.lines()).allSatisfy(line -> assertThat(line.signals()).hasSize(1));

    List<Report> reports =
        Backtest.run(
            engine, again, List.of(PolicySet.load(POLICIES)), BacktestOptions.DEFAULT_SETTLE);
    Report.Summary replayed = reports.get(0).summary();
    assertThat(replayed.actionsByType())
        .containsEntry("k8s.deletePod", 2)
        .containsEntry("k8s.rolloutRestart", 2)
        .containsEntry("docker.scale", 1)
        .containsEntry("docker.scale (undo)", 1)
        .containsEntry("docker.restart", 1)
        .hasSize(5);
    assertThat(replayed.stormPages()).isEqualTo(1);
    assertThat(replayed.pages()).isEqualTo(1);
    assertThat(replayed.resourcesThrottled()).isEqualTo(12);
    assertThat(replayed.approvalsRequested()).isEqualTo(2);
  }

  @Test
  void since_leavesOutOlderSignals() throws Exception {
    String topic = "vigil.signals.export-" + UUID.randomUUID();
    TestKafka.createTopics(1, topic);
    Recording week = Backtest.read(Engines.shared(), WEEK, false);
    publish(topic, week);
    Path exported = dir.resolve("last-day.jsonl");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = export(topic, "1d", exported, err);

    assertThat(exit).isZero();
    Recording lastDay = Backtest.read(Engines.shared(), exported, false);
    assertThat(lastDay.lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.at()).isAfterOrEqualTo(NOW.minusSeconds(86_400)));
    assertThat(signals(lastDay))
        .extracting(Signal::resourceId)
        .containsOnly("docker/service/worker");
  }

  /** {@code ./vigil signals export --since <since> ... -o <file>} as of {@link #NOW}. */
  static int export(String topic, String since, Path file, ByteArrayOutputStream err) {
    return SignalsMain.run(
        new String[] {
          "export",
          "--since",
          since,
          "--bootstrap",
          TestKafka.bootstrapServers(),
          "--topic",
          topic,
          "-o",
          file.toString()
        },
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        NOW);
  }

  /**
   * As ingest's SignalPublisher: one record per signal, key resource id, plus one broken record.
   */
  static void publish(String topic, Recording recording) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Received line : recording.lines()) {
        for (Signal signal : line.signals()) {
          producer
              .send(
                  new ProducerRecord<>(
                      topic,
                      null,
                      line.at().toEpochMilli(),
                      signal.resourceId(),
                      SignalCodec.encode(signal)))
              .get();
        }
      }
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  null,
                  recording.end().toEpochMilli(),
                  "broken",
                  "not json".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  static List<Signal> signals(Recording recording) {
    return recording.lines().stream().flatMap(line -> line.signals().stream()).toList();
  }
}
