package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.SignalStatus;
import java.time.Instant;

/**
 * Ingest's ordering bookkeeping per signal ({@code resource_state.signal_marks["code|reason"]}):
 * status and {@code observedAt} of the newest event applied. An event older than its mark cannot
 * change the signal's status, so a late firing never revives a resolved signal. At equal times a
 * resolution wins, so the outcome does not depend on arrival order.
 */
public record SignalMark(SignalStatus status, Instant observedAt) {

  /** Whether an event with this status and time is newer than the mark. */
  public boolean isOlderThan(SignalStatus otherStatus, Instant otherObservedAt) {
    int byTime = otherObservedAt.compareTo(observedAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    return status == SignalStatus.FIRING && otherStatus == SignalStatus.RESOLVED;
  }
}
