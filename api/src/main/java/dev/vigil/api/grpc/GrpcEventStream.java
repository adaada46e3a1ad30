package dev.vigil.api.grpc;

import dev.vigil.api.events.EventFilter;
import dev.vigil.api.events.EventSink;
import dev.vigil.api.events.StreamEvent;
import dev.vigil.api.grpc.v1.Event;
import dev.vigil.api.tenancy.Visibility;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;

/**
 * One {@code StreamEvents} call as an {@link EventSink}: a bounded queue drained only while gRPC's
 * flow control says the client takes more ({@code isReady}), so a client that stops reading fills
 * its queue and its call is ended with {@code RESOURCE_EXHAUSTED} instead of the server buffering
 * without bound.
 */
final class GrpcEventStream implements EventSink {
  private final ServerCallStreamObserver<Event> observer;
  private final EventFilter filter;
  private final Visibility visibility;
  private final int bufferSize;
  private final Runnable onClose;
  private final ArrayDeque<Event> queue = new ArrayDeque<>();
  private boolean closed;

  GrpcEventStream(
      ServerCallStreamObserver<Event> observer,
      EventFilter filter,
      Visibility visibility,
      int bufferSize,
      Runnable onClose) {
    this.observer = observer;
    this.filter = filter;
    this.visibility = visibility;
    this.bufferSize = bufferSize;
    this.onClose = onClose;
  }

  @Override
  public String transport() {
    return "grpc";
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
  public synchronized Offer offer(StreamEvent event) {
    if (closed) {
      return Offer.CLOSED;
    }
    if (queue.size() >= bufferSize) {
      release();
      observer.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription(
                  "slow consumer: fell " + bufferSize + " events behind; call StreamEvents again")
              .asRuntimeException());
      return Offer.DROPPED;
    }
    queue.add(ProtoMapper.event(event));
    drain();
    return Offer.QUEUED;
  }

  /** HTTP/2 keep-alive pings keep the connection; nothing to send. */
  @Override
  public synchronized Offer heartbeat() {
    return closed ? Offer.CLOSED : Offer.QUEUED;
  }

  /** Sends what the client's flow-control window takes (also gRPC's on-ready callback). */
  synchronized void drain() {
    while (!closed && observer.isReady() && !queue.isEmpty()) {
      observer.onNext(queue.poll());
    }
  }

  /** The client cancelled or the call ended: let go of everything. */
  synchronized void cancelled() {
    if (!closed) {
      release();
    }
  }

  synchronized int held() {
    return queue.size();
  }

  private void release() {
    closed = true;
    queue.clear();
    onClose.run();
  }
}
