package dev.vigil.ingest.outbox;

import java.time.Instant;

/** An outbox row the relay claimed. */
public record OutboxRow(
    long id,
    String kind,
    String aggregateId,
    String eventType,
    String payload,
    int attempts,
    Instant createdAt) {

  public static final String OBSERVATION = "observation";
  public static final String INCIDENT = "incident";
}
