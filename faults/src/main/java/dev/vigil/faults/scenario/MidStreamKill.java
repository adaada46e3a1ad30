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
 * A stream of records with a kill inside it, whatever the consumer's speed: nine tenths of the
 * stream are produced, the kill lands as soon as ingest has stored its first batch of them (read
 * from the offsets stored with the state, checked while producing and then every few milliseconds),
 * and the last tenth is produced after the kill. Waiting for a share of Kafka's committed offsets
 * instead, polled every 100 ms, let a fast consumer finish a short stream before the kill.
 */
final class MidStreamKill {
  private static final Duration FIRST_BATCH = Duration.ofMinutes(2);
  private static final int CHECK_EVERY = 500;

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
    long atKill = -1;
    int producedAtKill = head;
    for (int i = 0; i < head; i++) {
      producer.send(record.apply(i));
      if (atKill < 0 && i % CHECK_EVERY == CHECK_EVERY - 1 && stored(rig) > before) {
        atKill = kill(rig, before, kill);
        producedAtKill = i + 1;
      }
    }
    producer.flush();
    long deadline = System.nanoTime() + FIRST_BATCH.toNanos();
    while (atKill < 0) {
      if (stored(rig) > before) {
        atKill = kill(rig, before, kill);
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gave up after " + FIRST_BATCH.toSeconds() + " s waiting for ingest's first batch");
      } else {
        Pause.millis(5);
      }
    }
    outcome.check(
        atKill < producedAtKill, "the kill came after everything produced before it was stored");
    outcome.note(
        "killed with %d of the %d records produced so far stored; %d more produced after the kill"
            .formatted(atKill, producedAtKill, events - producedAtKill));
    for (int i = head; i < events; i++) {
      producer.send(record.apply(i));
    }
    producer.flush();
    outcome.signalsSent(events);
    return atKill;
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

  private static long kill(Rig rig, long before, Runnable kill) {
    kill.run();
    return stored(rig) - before;
  }

  /** Sum of the next offsets ingest stored with the state, over the signals topic's partitions. */
  static long stored(Rig rig) {
    return rig.store()
        .count(
            "select coalesce(sum(next_offset), 0) from ingest_offset where topic = ?",
            Progress.SIGNALS);
  }
}
