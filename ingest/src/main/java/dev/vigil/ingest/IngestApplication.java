package dev.vigil.ingest;

import io.micronaut.runtime.Micronaut;

/**
 * The ingest service: HTTP receivers onto Kafka, the signal consumer that keeps resource state in
 * PostgreSQL, the outbox relay to Temporal and Kafka, and the signal TTL sweeper.
 */
public final class IngestApplication {
  private IngestApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(IngestApplication.class).start();
  }
}
