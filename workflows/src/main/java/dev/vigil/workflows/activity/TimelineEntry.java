package dev.vigil.workflows.activity;

import java.time.Instant;
import java.util.Map;

/**
 * A timeline row that is not a phase change: approval requested or decided, lease refused,
 * compensation ran, page sent.
 *
 * @param incidentId the incident
 * @param seq per-incident sequence number chosen by the workflow (idempotency key)
 * @param kind short stable word: {@code approval.requested}, {@code approval.decided}, {@code
 *     lease.refused}, {@code compensation}, {@code page.triggered}, ...
 * @param message one line
 * @param actor {@code vigil} or a human
 * @param details extra facts
 * @param at workflow time
 */
public record TimelineEntry(
    String incidentId,
    long seq,
    String kind,
    String message,
    String actor,
    Map<String, String> details,
    Instant at) {

  public TimelineEntry {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
