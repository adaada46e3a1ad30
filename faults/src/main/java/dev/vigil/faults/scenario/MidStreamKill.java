package dev.vigil.faults.scenario;

import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A stream of records with a kill inside it, whatever the consumer's speed: records are produced in
 * slices until ingest has stored its first batch of them (read from the offsets stored with the
 * state), then one more slice is produced and flushed and the kill lands right after it, while that
 * slice sits in ingest's batch window (a commit holds records for up to 50 ms; the kill takes a few
 * ms); the rest of the stream is produced after the kill. Killing at the first stored batch alone
 * was not enough: ingest's first transaction could hold everything produced before it.
 */
final class MidStreamKill {
  private static final Duration FIRST_BATCH = Duration.ofMinutes(2);
  private static final int SLICE = 500;
  private static final int LAST_SLICE = 100;

  private MidStreamKill() {}

  /**
   * Produces {@code events} records ({@code record} builds the i-th) around {@code kill}; returns
   * how many records ingest had stored when the kill landed, after checking that it was fewer than
   * had been produced by then.
   */
  static long run(
      Rig rig,
      Outcome outcome,
      int events,
      IntFunction<ProducerRecord<byte[], byte[]>> record,
      Runnable kill) {
    int head = events - events / 10;
    long before = stored(rig);
    KafkaProducer<byte[], byte[]> producer = rig.producer();
    int produced = 0;
    long deadline = System.nanoTime() + FIRST_BATCH.toNanos();
    while (stored(rig) <= before) {
      if (produced < head) {
        produced = send(producer, record, produced, Math.min(head, produced + SLICE));
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gave up after " + FIRST_BATCH.toSeconds() + " s waiting for ingest's first batch");
      } else {
        producer.flush();
        Pause.millis(5);
      }
    }
    produced = send(producer, record, produced, Math.min(events, produced + LAST_SLICE));
    producer.flush();
    kill.run();
    long atKill = stored(rig) - before;
    outcome.check(
        atKill < produced, "the kill came after everything produced before it was stored");
    outcome.note(
        "killed with %d of the %d records produced so far stored; %d more produced after the kill"
            .formatted(atKill, produced, events - produced));
    send(producer, record, produced, events);
    producer.flush();
    outcome.signalsSent(events);
    return atKill;
  }

  /** Sends records {@code from} (inclusive) to {@code to} (exclusive); returns {@code to}. */
  private static int send(
      KafkaProducer<byte[], byte[]> producer,
      IntFunction<ProducerRecord<byte[], byte[]>> record,
      int from,
      int to) {
    for (int i = from; i < to; i++) {
      producer.send(record.apply(i));
    }
    return to;
  }

  /** A firing warning for {@code resource} of source {@code faults/host}, keyed by the resource. */
  static ProducerRecord<byte[], byte[]> firing(
      String id, String resource, String reason, Instant observedAt) {
    return new ProducerRecord<>(
        Progress.SIGNALS,
        resource.getBytes(StandardCharsets.UTF_8),
        Payloads.bytes(
            Payloads.envelope(
                id, resource, "faults/host", reason, "warning", "firing", observedAt)));
  }

  /** Sum of the next offsets ingest stored with the state, over the signals topic's partitions. */
  static long stored(Rig rig) {
    return rig.store()
        .count(
            "select coalesce(sum(next_offset), 0) from ingest_offset where topic = ?",
            Progress.SIGNALS);
  }
}
