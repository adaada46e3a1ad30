package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Outcome;
import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.ingest.outbox.Observations;
import dev.vigil.ingest.outbox.OutboxRepository;
import dev.vigil.ingest.ttl.SignalTtl;
import dev.vigil.workflows.workflow.HealthState;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state store's write side. For a batch of signals, in one PostgreSQL transaction: dedup
 * through the inbox, coalesce per resource, lock the rows, fold the events in (order-safe,
 * idempotent), upsert each resource once, and write an outbox row per health change. The caller
 * commits Kafka offsets only after this returns.
 */
@Singleton
public class ResourceStateService {
  private final TransactionOperations<Connection> tx;
  private final SignalInboxRepository inbox;
  private final ResourceStateRepository states;
  private final OutboxRepository outbox;
  private final Observations observations;
  private final IngestMetrics metrics;
  private final ResourceFold.Rules rules;
  private final Clock clock;

  public ResourceStateService(
      TransactionOperations<Connection> tx,
      SignalInboxRepository inbox,
      ResourceStateRepository states,
      OutboxRepository outbox,
      Observations observations,
      SignalTtl ttl,
      IngestMetrics metrics) {
    this.tx = tx;
    this.inbox = inbox;
    this.states = states;
    this.outbox = outbox;
    this.observations = observations;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
    this.rules =
        new ResourceFold.Rules() {
          @Override
          public Duration ttl(String code, String reason) {
            return ttl.ttl(code, reason);
          }

          @Override
          public boolean isRevertReason(String resourceType, String reason) {
            return observations.isRevertReason(resourceType, reason);
          }
        };
  }

  /** What one batch did. */
  public record BatchResult(
      int applied,
      Map<String, Integer> duplicatesBySource,
      Map<HealthState, Integer> transitions,
      int outboxRows) {

    static final BatchResult EMPTY = new BatchResult(0, Map.of(), Map.of(), 0);

    public int duplicates() {
      return duplicatesBySource.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Applies a batch in its own transaction; returns once it committed. */
  public BatchResult apply(List<Signal> signals) {
    return apply(signals, Map.of());
  }

  /**
   * As {@link #apply(List)}; an outbox row caused by a signal stores {@code traceparents.get(signal
   * id)}, the trace the relay continues.
   */
  public BatchResult apply(List<Signal> signals, Map<String, String> traceparents) {
    if (signals.isEmpty()) {
      return BatchResult.EMPTY;
    }
    Timer.Sample sample = Timer.start();
    BatchResult result = tx.executeWrite(status -> applyInTransaction(signals, traceparents));
    sample.stop(metrics.upsertTimer());
    result
        .duplicatesBySource()
        .forEach((source, n) -> metrics.events(source, Outcome.DUPLICATE, n));
    record(result);
    return result;
  }

  private BatchResult applyInTransaction(List<Signal> signals, Map<String, String> traceparents) {
    Map<String, Signal> unique = new LinkedHashMap<>();
    Map<String, Integer> duplicates = new HashMap<>();
    for (Signal signal : signals) {
      if (unique.putIfAbsent(signal.id(), signal) != null) {
        duplicates.merge(IngestMetrics.sourceLabel(signal.source()), 1, Integer::sum);
      }
    }
    // Sorted, so concurrent transactions (a rebalance overlap) insert keys in the same order.
    List<Signal> byId = new ArrayList<>(unique.values());
    byId.sort(Comparator.comparing(Signal::id));
    Set<String> fresh =
        inbox.claim(
            byId.stream().map(Signal::id).toList(), byId.stream().map(Signal::resourceId).toList());

    Map<String, List<Signal>> byResource = new LinkedHashMap<>();
    for (Signal signal : unique.values()) {
      if (fresh.contains(signal.id())) {
        byResource.computeIfAbsent(signal.resourceId(), k -> new ArrayList<>()).add(signal);
      } else {
        duplicates.merge(IngestMetrics.sourceLabel(signal.source()), 1, Integer::sum);
      }
    }
    if (byResource.isEmpty()) {
      return new BatchResult(0, duplicates, Map.of(), 0);
    }
    states.insertMissing(
        byResource.values().stream()
            .map(list -> list.get(0))
            .sorted(Comparator.comparing(Signal::resourceId))
            .toList());
    Map<String, ResourceState> rows = states.lock(byResource.keySet());
    Instant now = clock.instant();
    List<ResourceState> updated = new ArrayList<>(byResource.size());
    List<ObservationPayload> payloads = new ArrayList<>();
    Map<HealthState, Integer> changes = new EnumMap<>(HealthState.class);
    int applied = 0;
    for (Map.Entry<String, List<Signal>> entry : byResource.entrySet()) {
      ResourceState row = rows.get(entry.getKey());
      if (row == null) {
        throw new IllegalStateException("resource_state row vanished: " + entry.getKey());
      }
      ResourceFold fold = new ResourceFold(row, rules, now).expire();
      for (Signal signal : entry.getValue()) {
        fold.apply(signal);
        applied++;
      }
      collect(fold, updated, payloads, changes);
    }
    states.update(updated);
    outbox.insertObservations(payloads, p -> traceparents.get(p.observation().eventId()));
    return new BatchResult(applied, duplicates, changes, payloads.size());
  }

  /**
   * Applies due TTL expiries to up to {@code limit} resources, in the caller's transaction (the
   * sweeper holds its advisory lock there). Returns what changed.
   */
  public BatchResult expireDue(int limit) {
    Map<String, ResourceState> rows = states.lockExpired(clock.instant(), limit);
    if (rows.isEmpty()) {
      return BatchResult.EMPTY;
    }
    Instant now = clock.instant();
    List<ResourceState> updated = new ArrayList<>(rows.size());
    List<ObservationPayload> payloads = new ArrayList<>();
    Map<HealthState, Integer> changes = new EnumMap<>(HealthState.class);
    for (ResourceState row : rows.values()) {
      collect(new ResourceFold(row, rules, now).expire(), updated, payloads, changes);
    }
    states.update(updated);
    outbox.insertObservations(payloads);
    return new BatchResult(rows.size(), Map.of(), changes, payloads.size());
  }

  /** Counts the transitions of a committed batch. */
  public void record(BatchResult result) {
    result.transitions().forEach((to, n) -> metrics.transitions(to, n));
  }

  private void collect(
      ResourceFold fold,
      List<ResourceState> updated,
      List<ObservationPayload> payloads,
      Map<HealthState, Integer> changes) {
    ResourceState state = fold.state();
    updated.add(state);
    for (HealthChange change : fold.changes()) {
      payloads.add(observations.payload(state, change));
      if (change.isTransition()) {
        changes.merge(change.current(), 1, Integer::sum);
      }
    }
  }
}
