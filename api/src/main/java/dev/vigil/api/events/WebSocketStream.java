package dev.vigil.api.events;

import dev.vigil.api.tenancy.Visibility;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket client of the event stream: a bounded queue of JSON messages, sent one at a time
 * (the next only once the socket took the previous one), so a client that stops reading fills its
 * queue and is closed with {@link #SLOW_CONSUMER} instead of the server buffering without bound: it
 * holds at most {@code bufferSize} queued messages and one in flight. The filter can change at any
 * time; it applies from the next event on.
 */
public final class WebSocketStream implements EventSink {
  /** Close code of a client that fell {@code buffer-size} events behind (RFC 6455 private use). */
  public static final int SLOW_CONSUMER = 4001;

  /** Close code of a connection over the caller's stream limit. */
  public static final int TOO_MANY_STREAMS = 4029;

  private static final byte[] PING = "vigil".getBytes(StandardCharsets.US_ASCII);

  private final WebSocketSession session;
  private final Visibility visibility;
  private final int bufferSize;
  private final Runnable onClose;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private volatile EventFilter filter = EventFilter.ALL;
  private long queuedChars;
  private String inFlight;
  private int highWaterMessages;
  private long highWaterChars;
  private CompletableFuture<?> ping;
  private boolean closed;

  WebSocketStream(
      WebSocketSession session, Visibility visibility, int bufferSize, Runnable onClose) {
    this.session = session;
    this.visibility = visibility;
    this.bufferSize = bufferSize;
    this.onClose = onClose;
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public EventFilter filter() {
    return filter;
  }

  void filter(EventFilter filter) {
    this.filter = filter;
  }

  @Override
  public Visibility visibility() {
    return visibility;
  }

  @Override
  public Offer offer(StreamEvent event) {
    return send(event.json());
  }

  /** A ping, unless the last one is still waiting for the socket. */
  @Override
  public synchronized Offer heartbeat() {
    if (closed) {
      return Offer.CLOSED;
    }
    if (ping == null || ping.isDone()) {
      ping = session.sendPingAsync(PING);
    }
    return Offer.QUEUED;
  }

  /** Queues a message (an event, a filter acknowledgement, an error); drops a full client. */
  synchronized Offer send(String message) {
    if (closed) {
      return Offer.CLOSED;
    }
    if (queue.size() >= bufferSize) {
      close(
          new CloseReason(
              SLOW_CONSUMER, "slow consumer: fell " + bufferSize + " events behind, reconnect"));
      return Offer.DROPPED;
    }
    queue.add(message);
    queuedChars += message.length();
    highWaterMessages = Math.max(highWaterMessages, heldMessages());
    highWaterChars = Math.max(highWaterChars, heldChars());
    pump();
    return Offer.QUEUED;
  }

  /** Messages this client's queue and socket write hold now (what it costs the server). */
  public synchronized int heldMessages() {
    return queue.size() + (inFlight == null ? 0 : 1);
  }

  /** Characters of JSON this client's queue and socket write hold now. */
  public synchronized long heldChars() {
    return queuedChars + (inFlight == null ? 0 : inFlight.length());
  }

  /** The most messages this client ever held at once. */
  public synchronized int highWaterMessages() {
    return highWaterMessages;
  }

  /** The most characters this client ever held at once. */
  public synchronized long highWaterChars() {
    return highWaterChars;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** The connection ended (the client closed it, or it broke): let go of everything. */
  synchronized void closed() {
    if (!closed) {
      closed = true;
      release();
    }
  }

  synchronized void close(CloseReason reason) {
    if (!closed) {
      closed = true;
      release();
      if (session.isOpen()) {
        session.close(reason);
      }
    }
  }

  private void release() {
    queue.clear();
    queuedChars = 0;
    inFlight = null;
    onClose.run();
  }

  private void pump() {
    if (inFlight != null || closed) {
      return;
    }
    String next = queue.poll();
    if (next == null) {
      return;
    }
    queuedChars -= next.length();
    inFlight = next;
    session.sendAsync(next).whenComplete((sent, error) -> sent(error));
  }

  private synchronized void sent(Throwable error) {
    inFlight = null;
    if (error != null) {
      closed();
      return;
    }
    pump();
  }
}
