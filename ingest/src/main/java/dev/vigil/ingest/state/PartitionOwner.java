package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.intake.SignalPublisher;
import dev.vigil.ingest.state.ResourceStateService.BatchResult;
import dev.vigil.ingest.state.ResourceStateService.FencedException;
import dev.vigil.ingest.state.ResourceStateService.OwnedBatch;
import dev.vigil.ingest.state.SignalBatchProcessor.Read;
import dev.vigil.ingest.state.SignalBatchProcessor.ReadBatch;
import dev.vigil.ingest.ttl.TtlConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owner of partitions of the signals topic: a Kafka consumer in the ingest group and the only
 * writer of its partitions' resource rows. It polls, gathers records into a batch (as large as the
 * backlog allows, up to {@code maxBatch}; at most {@code window} old when records keep coming), and
 * writes each batch with the partitions' next offsets in one transaction ({@link
 * ResourceStateService}). On assignment it seeks to the offsets stored in PostgreSQL, so nothing is
 * skipped or applied twice whatever Kafka's own committed offsets say; those are committed
 * afterwards, for lag monitoring. It also sweeps its partitions' expired signals (TTL), so every
 * write to a row goes through its owner.
 */
final class PartitionOwner implements Runnable, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionOwner.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final String name;
  private final ConsumerConfig config;
  private final TtlConfig ttl;
  private final SignalBatchProcessor reader;
  private final ResourceStateService writer;
  private final PartitionLedger ledger;
  private final SignalPublisher republisher;
  private final ResourceCache cache;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Stored next offset of each owned partition, as this owner last wrote or read it. */
  private final Map<Integer, Long> positions = new HashMap<>();

  /**
   * The offsets Kafka acknowledged for this group, as far as this owner knows: a commit that failed
   * (a rebalance in progress when the batch ended) is made again once the owner is idle, so lag
   * monitoring never stays behind the stored offsets when no further record comes.
   */
  private final Map<Integer, Long> acknowledged = new HashMap<>();

  /** The highest offset of each partition this owner asked Kafka to commit. */
  private final Map<Integer, Long> sent = new HashMap<>();

  private long nextCommit;

  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
  private long pendingSince;
  private long nextSweep;
  private int partitionCount;
  private boolean failing;

  /** Assigned partitions whose stored offset could not be read yet (PostgreSQL down): paused. */
  private final Set<TopicPartition> unpositioned = new HashSet<>();

  PartitionOwner(
      Consumer<byte[], byte[]> consumer,
      String topic,
      String name,
      ConsumerConfig config,
      TtlConfig ttl,
      SignalBatchProcessor reader,
      ResourceStateService writer,
      PartitionLedger ledger,
      SignalPublisher republisher) {
    this.consumer = consumer;
    this.topic = topic;
    this.name = name;
    this.config = config;
    this.ttl = ttl;
    this.reader = reader;
    this.writer = writer;
    this.ledger = ledger;
    this.republisher = republisher;
    this.cache = new ResourceCache(config.cacheSize());
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), this);
      while (running.get()) {
        if (!unpositioned.isEmpty()) {
          position(List.copyOf(unpositioned));
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
        take(records);
        if (due(records)) {
          flush();
        }
        if (records.isEmpty() && pending.isEmpty()) {
          commitToKafka(true);
        }
        if (ttl.sweeperEnabled() && System.nanoTime() >= nextSweep && pending.isEmpty()) {
          sweep();
          nextSweep = System.nanoTime() + ttl.sweepInterval().toNanos();
        }
      }
      flush();
      commitToKafka(true);
    } catch (WakeupException stopping) {
      if (running.get()) {
        throw stopping;
      }
      flush();
      commitToKafka(true);
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /** Stops the loop: the pending batch is written, then the consumer leaves the group. */
  void stop() {
    running.set(false);
    consumer.wakeup();
  }

  private void take(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Long position = positions.get(record.partition());
      if (position == null || record.offset() < position) {
        continue; // not ours (any more), or already applied: its offset says so
      }
      if (pending.isEmpty()) {
        pendingSince = System.nanoTime();
      }
      pending.add(record);
    }
  }

  /**
   * Write now when the batch is full, when the last poll drained what was there (nothing waits
   * behind it), or when its oldest record has waited a window.
   */
  private boolean due(ConsumerRecords<byte[], byte[]> lastPoll) {
    return !pending.isEmpty()
        && (pending.size() >= config.maxBatch()
            || lastPoll.count() < config.maxPollRecords()
            || System.nanoTime() - pendingSince >= config.window().toNanos());
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(pending);
    pending.clear();
    Map<Integer, Long> expected = new LinkedHashMap<>();
    Map<Integer, Long> next = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      expected.putIfAbsent(record.partition(), positions.get(record.partition()));
      next.merge(record.partition(), record.offset() + 1, Math::max);
    }
    try {
      long t0 = System.nanoTime();
      ReadBatch read = reader.read(batch.stream().map(IncomingRecord::of).toList());
      long t1 = System.nanoTime();
      List<Signal> signals = new ArrayList<>(read.signals().size());
      Map<String, Integer> partitionOf = new HashMap<>();
      List<Signal> misplaced = new ArrayList<>();
      for (Read r : read.signals()) {
        int home = partitionOf(r.signal().resourceId());
        if (home != r.partition()) {
          misplaced.add(r.signal());
          continue;
        }
        signals.add(r.signal());
        partitionOf.put(r.signal().resourceId(), r.partition());
      }
      if (!misplaced.isEmpty()) {
        // A record keyed by something other than its resource id: its resource belongs to another
        // partition's owner. Hand it there (keyed right) instead of writing the row from here.
        republisher.publish(misplaced);
      }
      BatchResult result =
          writer.apply(
              new OwnedBatch(
                  topic, name, signals, partitionOf, expected, next, read.traceparents()),
              cache);
      positions.putAll(next);
      commitToKafka(false);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{}: {} records, {} rows written: read {} ms, write {} ms",
            name,
            batch.size(),
            result.rowsWritten(),
            (t1 - t0) / 1_000_000,
            (System.nanoTime() - t1) / 1_000_000);
      }
      if (failing) {
        LOG.info("{}: writing again, {} events applied", name, result.applied());
        failing = false;
      }
    } catch (FencedException fenced) {
      LOG.warn("{}: {}; dropping what it held and reading again", name, fenced.getMessage());
      cache.drop(fenced.partitions());
      rewind(expected.keySet(), fenced.partitions());
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn(
            "{}: a batch of {} records could not be written ({}); retrying every {}",
            name,
            batch.size(),
            e.toString(),
            config.retryDelay());
        failing = true;
      }
      sleep(config.retryDelay());
      rewind(expected.keySet(), Set.of());
    }
  }

  /**
   * Puts the batch's partitions back to their stored offsets (reloaded for those another owner
   * moved), so their records are read again.
   */
  private void rewind(Collection<Integer> partitions, Set<Integer> reload) {
    if (!reload.isEmpty()) {
      try {
        positions.putAll(ledger.load(topic, reload));
      } catch (RuntimeException e) {
        reload.forEach(positions::remove);
      }
    }
    for (int partition : partitions) {
      Long position = positions.get(partition);
      TopicPartition tp = new TopicPartition(topic, partition);
      if (position != null && consumer.assignment().contains(tp)) {
        consumer.seek(tp, position);
      }
    }
  }

  private void sweep() {
    try {
      BatchResult result;
      do {
        result =
            writer.expireDue(
                topic, name, Map.copyOf(positions), this::partitionOf, cache, ttl.sweepBatchSize());
        if (result.outboxRows() > 0) {
          LOG.info(
              "{}: signal TTL: {} resources swept, {} health transitions",
              name,
              result.applied(),
              result.outboxRows());
        }
      } while (result.applied() >= ttl.sweepBatchSize());
    } catch (FencedException fenced) {
      cache.drop(fenced.partitions());
      rewind(fenced.partitions(), fenced.partitions());
    } catch (RuntimeException e) {
      LOG.warn("{}: signal TTL sweep failed ({}); next turn in {}", name, e, ttl.sweepInterval());
    }
  }

  /**
   * Tells Kafka the stored offsets it lacks, for lag monitoring only: PostgreSQL's are the ones an
   * owner starts from. While records keep coming this happens at most once per {@code
   * commitInterval} (a commit per batch was a fifth of the broker's work at moderate rates, where
   * batches are small); once the owner is idle, at once for offsets never sent, and again at most
   * once per interval for commits that failed (a rebalance in progress).
   */
  private void commitToKafka(boolean idle) {
    long now = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    boolean unsent = false;
    for (Map.Entry<Integer, Long> position : positions.entrySet()) {
      int partition = position.getKey();
      long offset = position.getValue();
      if (acknowledged.getOrDefault(partition, -1L) < offset) {
        offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset));
        unsent |= sent.getOrDefault(partition, -1L) < offset;
      }
    }
    if (offsets.isEmpty() || (now < nextCommit && !(idle && unsent))) {
      return;
    }
    nextCommit = now + config.commitInterval().toNanos();
    offsets.forEach((tp, o) -> sent.merge(tp.partition(), o.offset(), Math::max));
    consumer.commitAsync(
        offsets,
        (done, e) -> {
          // runs on this owner's thread, inside poll or commit
          if (e != null) {
            LOG.debug("{}: Kafka offset commit failed (advisory only): {}", name, e.toString());
            return;
          }
          done.forEach(
              (tp, o) -> {
                if (positions.containsKey(tp.partition())) {
                  acknowledged.merge(tp.partition(), o.offset(), Math::max);
                }
              });
        });
  }

  /** The partition Kafka's default partitioner gives a record keyed by this resource id. */
  int partitionOf(String resourceId) {
    if (partitionCount == 0) {
      partitionCount = consumer.partitionsFor(topic).size();
    }
    return Utils.toPositive(Utils.murmur2(resourceId.getBytes(StandardCharsets.UTF_8)))
        % partitionCount;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    flush(); // what this owner read it writes before the next owner starts from the ledger
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    unpositioned.removeAll(partitions);
    Set<Integer> gone = new HashSet<>();
    partitions.forEach(tp -> gone.add(tp.partition()));
    gone.forEach(positions::remove);
    gone.forEach(acknowledged::remove);
    gone.forEach(sent::remove);
    cache.drop(gone);
    partitionCount = 0;
    LOG.info("{}: gave up partitions {}", name, gone);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    partitionCount = 0;
    position(partitions);
  }

  /**
   * Seeks each partition to its stored offset. While PostgreSQL cannot say (it is down), the
   * partitions stay paused, and the loop tries again before each poll: reading them from anywhere
   * else could skip or repeat records.
   */
  private void position(Collection<TopicPartition> partitions) {
    Set<Integer> numbers = new HashSet<>();
    partitions.forEach(tp -> numbers.add(tp.partition()));
    try {
      Map<Integer, Long> stored = ledger.load(topic, numbers);
      for (TopicPartition tp : partitions) {
        if (!stored.containsKey(tp.partition())) {
          // first owner ever: start where Kafka's committed offset (or the reset policy) says
          ledger.createIfMissing(topic, tp.partition(), consumer.position(tp), name);
        }
      }
      stored = ledger.load(topic, numbers);
      for (TopicPartition tp : partitions) {
        long offset = stored.get(tp.partition());
        positions.put(tp.partition(), offset);
        consumer.seek(tp, offset);
      }
      consumer.resume(partitions);
      unpositioned.removeAll(partitions);
      LOG.info("{}: owns partitions {} from offsets {}", name, numbers, stored);
    } catch (RuntimeException e) {
      if (unpositioned.isEmpty()) {
        LOG.warn("{}: cannot read the stored offsets of {} yet ({})", name, numbers, e.toString());
      }
      consumer.pause(partitions);
      unpositioned.addAll(partitions);
      partitions.forEach(tp -> positions.remove(tp.partition()));
      sleep(config.retryDelay());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
