package dev.vigil.ingest.outbox;

import dev.vigil.ingest.metrics.IngestMetrics.Delivery;

/** Where the relay sends rows of one outbox kind. */
public interface OutboxDestination {
  /** The outbox kind this destination delivers. */
  String kind();

  /**
   * Delivers one row.
   *
   * @throws DestinationUnavailableException when the destination is down: the rest of the round
   *     backs off without trying
   * @throws RuntimeException when this row failed; it backs off, the round goes on
   */
  Delivery deliver(OutboxRow row);

  /**
   * Counts one row's outcome in this destination's own metrics; the relay calls it for every row it
   * tried, delivered or not. Nothing by default.
   */
  default void record(Delivery outcome) {}

  /** The destination (Temporal, Kafka) did not answer in time or refused connections. */
  class DestinationUnavailableException extends RuntimeException {
    public DestinationUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
