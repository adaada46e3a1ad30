package dev.vigil.backtest;

import dev.vigil.ingest.envelope.ResourceIds;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.ingest.state.FoldRules;
import dev.vigil.ingest.state.HealthChange;
import dev.vigil.ingest.state.Observations;
import dev.vigil.ingest.state.ResourceFold;
import dev.vigil.ingest.state.ResourceState;
import dev.vigil.ingest.ttl.SignalTtl;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Ingest's write side, in memory: one {@link ResourceFold} per resource and batch (which also
 * recognises an event its signal already saw, as ingest does) with the batch's receive time as
 * "now", the TTL sweeper's expiries at the moment they fall due, and {@link Observations} choosing
 * which changes become observation rows for the relay. The rows live in a map: only the columns the
 * storm guard counts are mirrored to PostgreSQL ({@link ResourceRows}).
 */
final class Fleet {

  /** What one batch (a recorded line) or one expiry did. */
  record Step(List<ResourceState> storeRows, List<ObservationPayload> observations) {
    static final Step NONE = new Step(List.of(), List.of());

    boolean isEmpty() {
      return storeRows.isEmpty() && observations.isEmpty();
    }
  }

  /** The columns of a row the storm guard reads: a write is due only when one changes. */
  private record GuardView(
      String type,
      String cluster,
      String namespace,
      String component,
      HealthState health,
      Map<String, String> labels) {
    static GuardView of(ResourceState row) {
      return new GuardView(
          row.type(), row.cluster(), row.namespace(), row.component(), row.health(), row.labels());
    }
  }

  private record Expiry(Instant at, String resourceId) {}

  private final ResourceFold.Rules rules;
  private final Observations observations;
  private final Map<String, ResourceState> rows = new HashMap<>();
  private final Map<String, GuardView> written = new HashMap<>();
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>(Comparator.comparing(Expiry::at).thenComparing(Expiry::resourceId));
  private int applied;
  private int duplicates;
  private int changes;

  Fleet(SignalTtl ttl, PolicyMatcher policies) {
    this.observations = new Observations(policies);
    this.rules = new FoldRules(ttl, policies);
  }

  /** Applies one received batch as the consumer would: coalesce per resource, fold. */
  Step apply(List<Signal> signals, Instant now) {
    Map<String, List<Signal>> byResource = new LinkedHashMap<>();
    for (Signal signal : signals) {
      byResource.computeIfAbsent(signal.resourceId(), id -> new ArrayList<>()).add(signal);
    }
    if (byResource.isEmpty()) {
      return Step.NONE;
    }
    List<ResourceState> store = new ArrayList<>();
    List<ObservationPayload> payloads = new ArrayList<>();
    for (Map.Entry<String, List<Signal>> entry : byResource.entrySet()) {
      ResourceState row = rows.get(entry.getKey());
      if (row == null) {
        row = firstSeen(entry.getValue().get(0));
      }
      ResourceFold fold = new ResourceFold(row, rules, now).expire();
      for (Signal signal : entry.getValue()) {
        int seen = fold.duplicates();
        fold.apply(signal);
        if (fold.duplicates() > seen) {
          duplicates++;
        } else {
          applied++;
        }
      }
      collect(fold, store, payloads);
    }
    return new Step(store, payloads);
  }

  /** The next time a signal's TTL runs out, or null when none will. */
  Instant nextExpiry() {
    while (!expiries.isEmpty()) {
      Expiry next = expiries.peek();
      ResourceState row = rows.get(next.resourceId());
      if (row != null && next.at().equals(row.nextExpiryAt())) {
        return next.at();
      }
      expiries.poll(); // superseded: the signal was seen again, or resolved
    }
    return null;
  }

  /** The sweeper at {@code now}: expires the resources whose next expiry has come. */
  Step expireDue(Instant now) {
    List<ResourceState> store = new ArrayList<>();
    List<ObservationPayload> payloads = new ArrayList<>();
    Instant next;
    while ((next = nextExpiry()) != null && !next.isAfter(now)) {
      Expiry due = expiries.poll();
      collect(new ResourceFold(rows.get(due.resourceId()), rules, now).expire(), store, payloads);
    }
    return new Step(store, payloads);
  }

  int resources() {
    return rows.size();
  }

  int applied() {
    return applied;
  }

  int duplicates() {
    return duplicates;
  }

  /** Health changes and revert triggers: the observation rows the outbox got. */
  int changes() {
    return changes;
  }

  private void collect(
      ResourceFold fold, List<ResourceState> store, List<ObservationPayload> payloads) {
    ResourceState state = fold.state();
    rows.put(state.id(), state);
    if (state.nextExpiryAt() != null) {
      expiries.add(new Expiry(state.nextExpiryAt(), state.id()));
    }
    GuardView view = GuardView.of(state);
    if (!Objects.equals(written.put(state.id(), view), view)) {
      store.add(state);
    }
    for (HealthChange change : fold.changes()) {
      payloads.add(observations.payload(state, change));
      changes++;
    }
  }

  /** The Healthy row ingest creates for a resource's first signal. */
  private static ResourceState firstSeen(Signal signal) {
    return new ResourceState(
        signal.resourceId(),
        signal.resourceType(),
        signal.cluster(),
        signal.namespace(),
        ResourceIds.nameOf(signal.resourceId()),
        signal.component(),
        HealthState.Healthy,
        List.of(),
        Map.of(),
        Map.of(),
        null,
        null,
        null);
  }
}
