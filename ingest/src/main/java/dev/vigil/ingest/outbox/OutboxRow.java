package dev.vigil.ingest.outbox;

import java.time.Instant;

/**
 * An outbox row the relay claimed; {@code kind} is one of {@link
 * dev.vigil.store.contracts.Outbox}'s.
 *
 * @param traceparent the W3C trace context of the span that wrote it, or null
 */
public record OutboxRow(
    long id,
    String kind,
    String aggregateId,
    String eventType,
    String payload,
    int attempts,
    Instant createdAt,
    String traceparent) {

  public OutboxRow(
      long id,
      String kind,
      String aggregateId,
      String eventType,
      String payload,
      int attempts,
      Instant createdAt) {
    this(id, kind, aggregateId, eventType, payload, attempts, createdAt, null);
  }
}
