package dev.vigil.api.events;

import dev.vigil.api.tenancy.Visibility;

/**
 * One client of the event stream, whatever carries it (SSE, WebSocket, gRPC): the {@link EventHub}
 * offers it every event its filter accepts and a heartbeat now and then; the sink queues at most
 * its buffer and drops its client, with a clear signal, when that is full.
 */
public interface EventSink {

  /** What became of an offered event. */
  enum Offer {
    QUEUED,
    /** The client had already gone (disconnected or dropped before). */
    CLOSED,
    /** The queue was full: this offer dropped the client. */
    DROPPED
  }

  /** {@code sse}, {@code websocket} or {@code grpc}: a metric label. */
  String transport();

  /** The client's current filter (a WebSocket client may change it at any time). */
  EventFilter filter();

  /** The part of the fleet the client's token sees; fixed for the stream's life. */
  Visibility visibility();

  /** Whether the client gets {@code event}: one of a resource it sees, accepted by its filter. */
  default boolean wants(StreamEvent event) {
    return visibility().sees(event.org(), event.cluster()) && filter().accepts(event);
  }

  /** Queues the event, or drops the client when its queue is full. */
  Offer offer(StreamEvent event);

  /** Keeps an idle connection (and proxies) alive: a comment, a ping, or nothing. */
  Offer heartbeat();
}
