package dev.vigil.api.events;

import dev.vigil.api.tenancy.Visibility;
import io.micronaut.http.sse.Event;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One SSE client ({@link EventSink}): a bounded queue the shared poller fills and the HTTP layer
 * drains as fast as the client reads (the server requests more only when the socket takes bytes).
 * When the queue is full the client is dropped at once: its queue is discarded and the connection
 * is failed, so a stuck reader costs the server {@code bufferSize} events, never more, and never
 * slows anyone else.
 */
final class ClientStream implements Publisher<Event<String>>, Subscription, EventSink {
  static final Event<String> HEARTBEAT = Event.of("").comment("heartbeat");

  /** The error a dropped client's connection is failed with. */
  static final class SlowClientException extends RuntimeException {
    SlowClientException(int bufferSize) {
      super("event stream client fell " + bufferSize + " events behind and was dropped");
    }
  }

  private final EventFilter filter;
  private final Visibility visibility;
  private final int bufferSize;
  private final Runnable onTerminate;
  private final Queue<Event<String>> queue;
  private final AtomicLong requested = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile Subscriber<? super Event<String>> subscriber;
  private volatile Throwable error;
  private volatile boolean cancelled;
  private boolean terminated;

  ClientStream(EventFilter filter, Visibility visibility, int bufferSize, Runnable onTerminate) {
    this.filter = filter;
    this.visibility = visibility;
    this.bufferSize = bufferSize;
    this.onTerminate = onTerminate;
    this.queue = new ArrayBlockingQueue<>(bufferSize);
  }

  @Override
  public String transport() {
    return "sse";
  }

  @Override
  public EventFilter filter() {
    return filter;
  }

  @Override
  public Visibility visibility() {
    return visibility;
  }

  @Override
  public Offer offer(StreamEvent event) {
    return offer(sse(event));
  }

  @Override
  public Offer heartbeat() {
    return offer(HEARTBEAT);
  }

  /** The SSE form of an event: its id, its name, its JSON as data. */
  static Event<String> sse(StreamEvent event) {
    return Event.of(event.json()).id(Long.toString(event.id())).name(event.name());
  }

  boolean isClosed() {
    return cancelled || error != null;
  }

  /** Queues an event, or drops the client when its queue is full. */
  Offer offer(Event<String> event) {
    if (isClosed()) {
      return Offer.CLOSED;
    }
    if (!queue.offer(event)) {
      error = new SlowClientException(bufferSize);
      drain();
      return Offer.DROPPED;
    }
    drain();
    return Offer.QUEUED;
  }

  @Override
  public void subscribe(Subscriber<? super Event<String>> s) {
    if (subscriber != null) {
      s.onSubscribe(this);
      s.onError(new IllegalStateException("an event stream has one subscriber"));
      return;
    }
    subscriber = s;
    s.onSubscribe(this);
    drain();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      error = new IllegalArgumentException("request must be positive (rule 3.9)");
    } else {
      requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }
    drain();
  }

  @Override
  public void cancel() {
    cancelled = true;
    drain();
  }

  /** Emits what is requested; signals are serialized by the work-in-progress counter. */
  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Subscriber<? super Event<String>> s = subscriber;
      if (s != null && !terminated) {
        if (cancelled) {
          terminate();
        } else if (error != null) {
          terminate();
          s.onError(error);
        } else {
          long r = requested.get();
          long emitted = 0;
          while (emitted != r && !cancelled && error == null) {
            Event<String> next = queue.poll();
            if (next == null) {
              break;
            }
            s.onNext(next);
            emitted++;
          }
          if (emitted != 0 && r != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
          }
          if (cancelled || error != null) {
            continue;
          }
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void terminate() {
    terminated = true;
    queue.clear();
    onTerminate.run();
  }
}
