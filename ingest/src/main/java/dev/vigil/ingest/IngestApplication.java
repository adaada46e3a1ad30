package dev.vigil.ingest;

import io.micronaut.runtime.Micronaut;

/**
 * The ingest service: HTTP receivers onto Kafka, the partition owners that keep resource state in
 * PostgreSQL (offsets stored with the state, TTL expiry of their own rows), and the outbox relay to
 * Temporal and Kafka.
 */
public final class IngestApplication {
  private IngestApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(IngestApplication.class).start();
  }
}
