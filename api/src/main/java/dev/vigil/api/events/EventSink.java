package dev.vigil.api.events;

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

  /** Queues the event, or drops the client when its queue is full. */
  Offer offer(StreamEvent event);

  /** Keeps an idle connection (and proxies) alive: a comment, a ping, or nothing. */
  Offer heartbeat();
}
