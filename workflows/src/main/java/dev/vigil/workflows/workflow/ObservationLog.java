package dev.vigil.workflows.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The observations a remediation has applied: the last one (which says whether the resource is
 * clear) and a bounded memory of event ids, so the relay's redeliveries and Alertmanager's HA
 * duplicates change nothing and late, out-of-order events cannot flip the state back.
 *
 * <p>Plain Java: the workflow feeds it from the {@code observe} signal handler; tests call it
 * directly.
 */
final class ObservationLog {

  /** What {@link #apply} did with an observation. */
  enum Verdict {
    APPLIED,
    /** The event id was applied before. */
    DUPLICATE,
    /** Observed before the last applied observation. */
    STALE,
    /** Addressed to another resource. */
    FOREIGN
  }

  private final String resourceId;
  private final int capacity;
  private final SequencedSet<String> recentEventIds = new LinkedHashSet<>();
  private HealthObservation last;

  ObservationLog(String resourceId, int capacity) {
    this.resourceId = resourceId;
    this.capacity = capacity;
  }

  /** Restores what a previous run carried over continue-as-new. */
  static ObservationLog restore(
      String resourceId, int capacity, HealthObservation last, List<String> recentEventIds) {
    ObservationLog log = new ObservationLog(resourceId, capacity);
    log.last = last;
    recentEventIds.forEach(log::remember);
    return log;
  }

  /**
   * Applies the observation unless it is a duplicate, stale or for another resource. An observation
   * without {@code observedAt} cannot be ordered: it is applied, and ordering goes on from the last
   * timestamp seen.
   */
  Verdict apply(HealthObservation observation) {
    if (observation.resourceId() != null && !observation.resourceId().equals(resourceId)) {
      return Verdict.FOREIGN;
    }
    if (observation.eventId() != null && recentEventIds.contains(observation.eventId())) {
      return Verdict.DUPLICATE;
    }
    if (isOlderThanLast(observation.observedAt())) {
      return Verdict.STALE;
    }
    if (observation.eventId() != null) {
      remember(observation.eventId());
    }
    if (observation.observedAt() == null && last != null && last.observedAt() != null) {
      observation = withObservedAt(observation, last.observedAt());
    }
    last = observation;
    return Verdict.APPLIED;
  }

  /** The last applied observation, or null before the first. */
  HealthObservation last() {
    return last;
  }

  /** "Clear" means the last applied observation says {@code Healthy}. */
  boolean isClear() {
    return last != null && last.isClear();
  }

  /** Health of the last applied observation, or null before the first. */
  HealthState health() {
    return last == null ? null : last.healthState();
  }

  /** The first of {@code reasons} active in the last applied observation, or null. */
  String firingOf(List<String> reasons) {
    if (last == null) {
      return null;
    }
    for (String reason : reasons) {
      if (last.activeReasons().contains(reason)) {
        return reason;
      }
    }
    return null;
  }

  /** Event ids to carry over continue-as-new, oldest first. */
  List<String> recentEventIds() {
    return new ArrayList<>(recentEventIds);
  }

  private boolean isOlderThanLast(Instant observedAt) {
    return observedAt != null
        && last != null
        && last.observedAt() != null
        && observedAt.isBefore(last.observedAt());
  }

  private void remember(String eventId) {
    recentEventIds.remove(eventId);
    recentEventIds.addLast(eventId);
    while (recentEventIds.size() > capacity) {
      recentEventIds.removeFirst();
    }
  }

  private static HealthObservation withObservedAt(HealthObservation o, Instant at) {
    return new HealthObservation(
        o.eventId(),
        o.resourceId(),
        o.healthState(),
        at,
        o.activeReasons(),
        o.severity(),
        o.trigger());
  }
}
