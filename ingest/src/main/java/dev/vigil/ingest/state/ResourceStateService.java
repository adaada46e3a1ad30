package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.ResourceIds;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Outcome;
import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.ingest.outbox.OutboxRepository;
import dev.vigil.workflows.workflow.HealthState;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The state store's write side, for the owner of some partitions of the signals topic. One batch,
 * one PostgreSQL transaction: move each partition's stored offset from where the owner believes it
 * is to past the batch (compare-and-set: an owner that lost a partition moves nothing and the
 * transaction rolls back), fold each resource's events into its row (order-safe; an event the
 * signal already saw changes nothing), write the changed rows in one statement and an outbox row
 * per health change. Rows come from the owner's cache, or are read (without locks: nobody else
 * writes them) the first time.
 */
@Singleton
public class ResourceStateService {
  private final TransactionOperations<Connection> tx;
  private final PartitionLedger ledger;
  private final ResourceStateRepository states;
  private final OutboxRepository outbox;
  private final Observations observations;
  private final IngestMetrics metrics;
  private final ResourceFold.Rules rules;
  private final Clock clock;

  public ResourceStateService(
      TransactionOperations<Connection> tx,
      PartitionLedger ledger,
      ResourceStateRepository states,
      OutboxRepository outbox,
      Observations observations,
      FoldRules rules,
      IngestMetrics metrics) {
    this.tx = tx;
    this.ledger = ledger;
    this.states = states;
    this.outbox = outbox;
    this.observations = observations;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
    this.rules = rules;
  }

  /** What one batch did. */
  public record BatchResult(
      int applied,
      Map<String, Integer> duplicatesBySource,
      Map<HealthState, Integer> transitions,
      int outboxRows,
      int rowsWritten) {

    static final BatchResult EMPTY = new BatchResult(0, Map.of(), Map.of(), 0, 0);

    public int duplicates() {
      return duplicatesBySource.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * A batch of one owner: its signals in Kafka order, the partition of each resource, and per
   * partition the stored offset the owner expects and the one past the batch.
   */
  public record OwnedBatch(
      String topic,
      String owner,
      List<Signal> signals,
      Map<String, Integer> partitionOf,
      Map<Integer, Long> expected,
      Map<Integer, Long> next,
      Map<String, String> traceparents) {}

  /** The owner no longer owns these partitions: nothing of the batch was written. */
  public static final class FencedException extends RuntimeException {
    private final Set<Integer> partitions;

    FencedException(Set<Integer> partitions) {
      super("partitions " + partitions + " have another owner");
      this.partitions = Set.copyOf(partitions);
    }

    public Set<Integer> partitions() {
      return partitions;
    }
  }

  /**
   * Applies a batch in its own transaction; on commit the written rows go into {@code cache}.
   *
   * @throws FencedException when another owner moved one of the partitions' offsets
   */
  public BatchResult apply(OwnedBatch batch, ResourceCache cache) {
    Timer.Sample sample = Timer.start();
    Written written =
        tx.executeWrite(
            status -> {
              Set<Integer> fenced =
                  ledger.advance(batch.topic(), batch.owner(), batch.expected(), batch.next());
              if (!fenced.isEmpty()) {
                throw new FencedException(fenced);
              }
              return fold(batch, cache);
            });
    sample.stop(metrics.upsertTimer());
    written.cacheInto(cache);
    written
        .result()
        .duplicatesBySource()
        .forEach((source, n) -> metrics.events(source, Outcome.DUPLICATE, n));
    record(written.result());
    return written.result();
  }

  /**
   * Applies due TTL expiries to up to {@code limit} rows of the owner's partitions, confirming in
   * the same transaction that it still owns them ({@code positions}: their stored offsets, left
   * unchanged). Rows written before partition ownership carry no partition: {@code owns} decides by
   * the id's partition.
   */
  public BatchResult expireDue(
      String topic,
      String owner,
      Map<Integer, Long> positions,
      java.util.function.ToIntFunction<String> partitionOfId,
      ResourceCache cache,
      int limit) {
    if (positions.isEmpty()) {
      return BatchResult.EMPTY;
    }
    IntPredicate owns = positions::containsKey;
    Written written =
        tx.executeWrite(
            status -> {
              Set<Integer> fenced = ledger.advance(topic, owner, positions, positions);
              if (!fenced.isEmpty()) {
                throw new FencedException(fenced);
              }
              Instant now = clock.instant();
              Map<String, ResourceStateRepository.Due> due =
                  states.due(now, positions.keySet(), limit);
              Map<String, Integer> partitions = new HashMap<>();
              Rows updated = new Rows();
              List<ObservationPayload> payloads = new ArrayList<>();
              Map<HealthState, Integer> changes = new EnumMap<>(HealthState.class);
              for (ResourceStateRepository.Due row : due.values()) {
                String id = row.state().id();
                int partition =
                    row.partition() != null ? row.partition() : partitionOfId.applyAsInt(id);
                if (!owns.test(partition)) {
                  continue;
                }
                ResourceState cached = cache.get(id);
                ResourceState before = cached != null ? cached : row.state();
                partitions.put(id, partition);
                ResourceFold fold = new ResourceFold(before, rules, now).expire();
                collect(fold, before, updated, payloads, changes, true);
              }
              updated.write(states, partitions);
              outbox.insertObservations(payloads);
              return new Written(
                  updated.all(),
                  partitions,
                  new BatchResult(
                      updated.size(), Map.of(), changes, payloads.size(), updated.size()));
            });
    written.cacheInto(cache);
    record(written.result());
    return written.result();
  }

  private Written fold(OwnedBatch batch, ResourceCache cache) {
    Map<String, List<Signal>> byResource = new LinkedHashMap<>();
    for (Signal signal : batch.signals()) {
      byResource.computeIfAbsent(signal.resourceId(), k -> new ArrayList<>()).add(signal);
    }
    List<String> missing = new ArrayList<>();
    for (String id : byResource.keySet()) {
      if (cache.get(id) == null) {
        missing.add(id);
      }
    }
    Map<String, ResourceState> loaded = states.load(missing);
    Instant now = clock.instant();
    Rows updated = new Rows();
    List<ObservationPayload> payloads = new ArrayList<>();
    Map<HealthState, Integer> changes = new EnumMap<>(HealthState.class);
    Map<String, Integer> duplicates = new HashMap<>();
    int applied = 0;
    for (Map.Entry<String, List<Signal>> entry : byResource.entrySet()) {
      String id = entry.getKey();
      ResourceState cached = cache.get(id);
      ResourceState stored = cached != null ? cached : loaded.get(id);
      ResourceState before = stored != null ? stored : fresh(entry.getValue().getFirst());
      ResourceFold fold = new ResourceFold(before, rules, now).expire();
      for (Signal signal : entry.getValue()) {
        int seen = fold.duplicates();
        fold.apply(signal);
        if (fold.duplicates() > seen) {
          duplicates.merge(IngestMetrics.sourceLabel(signal.source()), 1, Integer::sum);
        } else {
          applied++;
        }
      }
      collect(fold, before, updated, payloads, changes, stored != null);
    }
    updated.write(states, batch.partitionOf());
    outbox.insertObservations(payloads, p -> batch.traceparents().get(p.observation().eventId()));
    return new Written(
        updated.all(),
        batch.partitionOf(),
        new BatchResult(applied, duplicates, changes, payloads.size(), updated.size()));
  }

  /**
   * A batch's changed rows: those stored with the same identity, whose event-driven columns are
   * rewritten in place, and the others (new rows, a changed identity), upserted whole.
   */
  private static final class Rows {
    final List<ResourceState> rewritten = new ArrayList<>();
    final List<ResourceState> fresh = new ArrayList<>();

    void write(ResourceStateRepository states, Map<String, Integer> partitions) {
      states.upsert(fresh, partitions);
      if (!states.rewrite(rewritten, partitions)) {
        states.upsert(rewritten, partitions); // a row went missing: written whole again
      }
    }

    List<ResourceState> all() {
      List<ResourceState> all = new ArrayList<>(fresh.size() + rewritten.size());
      all.addAll(fresh);
      all.addAll(rewritten);
      return all;
    }

    int size() {
      return fresh.size() + rewritten.size();
    }
  }

  /** The rows a transaction wrote, for the cache once it committed. */
  private record Written(
      List<ResourceState> rows, Map<String, Integer> partitions, BatchResult result) {
    void cacheInto(ResourceCache cache) {
      for (ResourceState row : rows) {
        cache.put(row, partitions.get(row.id()));
      }
    }
  }

  /** A first-seen resource: Healthy, identified by its first signal. */
  private static ResourceState fresh(Signal first) {
    return new ResourceState(
        first.resourceId(),
        first.resourceType(),
        first.cluster(),
        first.namespace(),
        ResourceIds.nameOf(first.resourceId()),
        first.component(),
        HealthState.Healthy,
        List.of(),
        Map.of(),
        Map.of(),
        null,
        null,
        null);
  }

  /** Counts the transitions of a committed batch. */
  void record(BatchResult result) {
    result.transitions().forEach((to, n) -> metrics.transitions(to, n));
  }

  private void collect(
      ResourceFold fold,
      ResourceState before,
      Rows updated,
      List<ObservationPayload> payloads,
      Map<HealthState, Integer> changes,
      boolean stored) {
    ResourceState state = fold.state();
    if (!stored) {
      updated.fresh.add(state);
    } else if (!state.equals(before)) {
      (state.sameIdentity(before) ? updated.rewritten : updated.fresh).add(state);
    }
    for (HealthChange change : fold.changes()) {
      payloads.add(observations.payload(state, change));
      if (change.isTransition()) {
        changes.merge(change.current(), 1, Integer::sum);
      }
    }
  }
}
