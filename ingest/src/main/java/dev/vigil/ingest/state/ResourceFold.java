package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import dev.vigil.workflows.workflow.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a resource's new events, in the order Kafka delivered them, to its state row: the
 * order-safe, idempotent heart of the state store. Pure: the caller (the row's partition owner, its
 * only writer) reads the row or takes it from its cache, folds, and writes {@link #state()} and an
 * outbox row per {@link #changes()} entry in one transaction.
 *
 * <ul>
 *   <li>An event changes its signal only when newer than the signal's {@link SignalMark}: an event
 *       older than what the row reflects cannot flip it.
 *   <li>{@code count} counts distinct events while the signal is active: an event whose id the
 *       signal's mark remembers is a duplicate and changes nothing ({@link SignalMark}).
 *   <li>Signals with a TTL expire when not seen for it; an event already older than its TTL does
 *       not activate anything.
 *   <li>Health: Unhealthy with an active error or critical signal, Degraded with only warnings,
 *       else Healthy. Every change of health, and every {@code revertOn} reason starting to fire,
 *       is a {@link HealthChange}.
 * </ul>
 */
public final class ResourceFold {

  /** What the fold needs to know from configuration and policies. */
  public interface Rules {
    /** The TTL of signals with this code and reason, or null when they resolve themselves. */
    Duration ttl(String code, String reason);

    /** Whether a signal with this reason, starting to fire, is a policy's revert trigger. */
    boolean isRevertReason(String resourceType, String reason);
  }

  private final String id;
  private final Rules rules;
  private final Instant now;
  private final LinkedHashMap<String, ActiveSignal> active = new LinkedHashMap<>();
  private final Map<String, SignalMark> marks;
  private final List<HealthChange> changes = new ArrayList<>();
  private String type;
  private String cluster;
  private String namespace;
  private final String name;
  private String component;
  private Map<String, String> labels;
  private Instant lastEventTimestamp;
  private Instant lastTransitionAt;
  private HealthState health;
  private int duplicates;

  /** When the owner planned to look at the row for expiries ({@code next_expiry_at} as read). */
  private final Instant scheduledLook;

  public ResourceFold(ResourceState row, Rules rules, Instant now) {
    this.id = row.id();
    this.rules = rules;
    this.now = now;
    for (ActiveSignal signal : row.activeSignals()) {
      active.put(signal.key(), signal);
    }
    this.marks = new HashMap<>(row.marks());
    this.type = row.type();
    this.cluster = row.cluster();
    this.namespace = row.namespace();
    this.name = row.name();
    this.component = row.component();
    this.labels = row.labels();
    this.lastEventTimestamp = row.lastEventTimestamp();
    this.lastTransitionAt = row.lastTransitionAt();
    this.health = row.health();
    this.scheduledLook = row.nextExpiryAt();
  }

  /** Drops active signals whose TTL has passed; a health change it causes is recorded. */
  public ResourceFold expire() {
    HealthState before = health;
    ActiveSignal latest = null;
    for (Iterator<ActiveSignal> it = active.values().iterator(); it.hasNext(); ) {
      ActiveSignal signal = it.next();
      if (signal.expiresAt() != null && !signal.expiresAt().isAfter(now)) {
        it.remove();
        if (latest == null || signal.expiresAt().isAfter(latest.expiresAt())) {
          latest = signal;
        }
      }
    }
    if (latest == null) {
      return this;
    }
    health = derive(active.values());
    if (health != before) {
      lastTransitionAt = latest.expiresAt();
      changes.add(
          change(
              "expiry:" + id + ":" + latest.key() + ":" + latest.expiresAt(),
              before,
              latest.expiresAt(),
              latest.reason(),
              labels));
    }
    return this;
  }

  /**
   * Applies one event of this resource; an event the signal already saw (same id) changes nothing.
   */
  public ResourceFold apply(Signal signal) {
    HealthState before = health;
    String key = signal.key();
    SignalMark mark = marks.get(key);
    long idHash = SignalMark.hash(signal.id());
    if (mark != null && mark.saw(idHash)) {
      duplicates++;
      return this;
    }
    boolean newer = mark == null || mark.isOlderThan(signal.status(), signal.observedAt());
    marks.put(
        key,
        mark == null
            ? SignalMark.first(signal.status(), signal.observedAt(), idHash)
            : newer
                ? mark.movedTo(signal.status(), signal.observedAt(), idHash)
                : mark.remembering(idHash));
    ActiveSignal current = active.get(key);
    boolean started = false;
    if (signal.isFiring()) {
      Duration ttl = rules.ttl(signal.code(), signal.reason());
      Instant expiresAt = ttl == null ? null : signal.observedAt().plus(ttl);
      boolean alreadyExpired = expiresAt != null && !expiresAt.isAfter(now);
      if (newer) {
        if (current == null) {
          if (!alreadyExpired) {
            active.put(
                key,
                new ActiveSignal(
                    signal.code(),
                    signal.reason(),
                    1,
                    signal.severity(),
                    signal.observedAt(),
                    signal.observedAt(),
                    signal.message(),
                    expiresAt));
            started = true;
          }
        } else {
          active.put(
              key,
              new ActiveSignal(
                  current.code(),
                  current.reason(),
                  current.count() + 1,
                  signal.severity(),
                  current.firstSeen(),
                  later(current.lastSeen(), signal.observedAt()),
                  signal.message() != null ? signal.message() : current.message(),
                  later(current.expiresAt(), expiresAt)));
        }
      } else if (current != null) {
        active.put(key, counted(current));
      }
    } else if (newer) {
      active.remove(key);
    }
    if (newer) {
      adoptIdentity(signal);
    }
    lastEventTimestamp = later(lastEventTimestamp, signal.observedAt());
    health = derive(active.values());
    if (health != before) {
      lastTransitionAt = signal.observedAt();
      changes.add(
          change(signal.id(), before, signal.observedAt(), signal.reason(), signal.labels()));
    } else if (started && rules.isRevertReason(type, signal.reason())) {
      changes.add(
          change(signal.id(), before, signal.observedAt(), signal.reason(), signal.labels()));
    }
    return this;
  }

  private HealthChange change(
      String eventId,
      HealthState before,
      Instant observedAt,
      String trigger,
      Map<String, String> causeLabels) {
    List<String> reasons = new ArrayList<>();
    List<String> adverse = new ArrayList<>();
    Severity highest = null;
    for (ActiveSignal signal : active.values()) {
      if (!reasons.contains(signal.reason())) {
        reasons.add(signal.reason());
      }
      if (signal.severity().isAdverse()) {
        if (!adverse.contains(signal.reason())) {
          adverse.add(signal.reason());
        }
        if (highest == null || signal.severity().compareTo(highest) > 0) {
          highest = signal.severity();
        }
      }
    }
    return new HealthChange(
        eventId,
        before,
        health,
        observedAt,
        trigger,
        causeLabels,
        reasons,
        adverse,
        health == HealthState.Healthy || highest == null ? null : highest.wire());
  }

  private void adoptIdentity(Signal signal) {
    if (signal.resourceType() != null) {
      type = signal.resourceType();
    }
    if (signal.cluster() != null) {
      cluster = signal.cluster();
    }
    if (signal.namespace() != null) {
      namespace = signal.namespace();
    }
    if (signal.component() != null) {
      component = signal.component();
    }
    labels = signal.labels();
  }

  public ResourceState state() {
    Instant earliest = null;
    for (ActiveSignal signal : active.values()) {
      if (signal.expiresAt() != null
          && (earliest == null || signal.expiresAt().isBefore(earliest))) {
        earliest = signal.expiresAt();
      }
    }
    Instant nextExpiry = nextLook(earliest);
    return new ResourceState(
        id,
        type,
        cluster,
        namespace,
        name,
        component,
        health,
        List.copyOf(active.values()),
        marks,
        labels,
        lastEventTimestamp,
        lastTransitionAt,
        nextExpiry);
  }

  /**
   * When the owner's sweep should next look at the row ({@code next_expiry_at}): never later than
   * the earliest expiry, but not moved on with every refresh of a firing signal either. A row whose
   * indexed columns stay as they were is rewritten in place (a heap-only update, no index entries),
   * and {@code next_expiry_at} is in two indexes: moving it on every event would cost each refresh
   * an entry in all of the table's indexes. So a look still ahead and not after the earliest expiry
   * stays; the sweep, when it comes and finds nothing due, moves it to the earliest expiry (one
   * write per row per TTL instead of one per event).
   */
  private Instant nextLook(Instant earliest) {
    if (earliest != null
        && scheduledLook != null
        && scheduledLook.isAfter(now)
        && !scheduledLook.isAfter(earliest)) {
      return scheduledLook;
    }
    return earliest;
  }

  public List<HealthChange> changes() {
    return List.copyOf(changes);
  }

  /** Events this fold recognised as already applied (same id) and skipped. */
  public int duplicates() {
    return duplicates;
  }

  /** Healthy / Degraded (only warnings) / Unhealthy (an error or critical signal). */
  public static HealthState derive(Collection<ActiveSignal> signals) {
    boolean warning = false;
    for (ActiveSignal signal : signals) {
      if (signal.severity() == Severity.ERROR || signal.severity() == Severity.CRITICAL) {
        return HealthState.Unhealthy;
      }
      if (signal.severity() == Severity.WARNING) {
        warning = true;
      }
    }
    return warning ? HealthState.Degraded : HealthState.Healthy;
  }

  private static ActiveSignal counted(ActiveSignal signal) {
    return new ActiveSignal(
        signal.code(),
        signal.reason(),
        signal.count() + 1,
        signal.severity(),
        signal.firstSeen(),
        signal.lastSeen(),
        signal.message(),
        signal.expiresAt());
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }
}
