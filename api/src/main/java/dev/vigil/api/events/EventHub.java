package dev.vigil.api.events;

import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.store.contracts.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream's one poller: tails {@code outbox} by id every {@code poll-interval}, turns each
 * row into a {@link StreamEvent} once, and offers it to every client ({@link EventSink}: SSE,
 * WebSocket or gRPC) whose filter accepts it. However many clients listen, PostgreSQL sees one
 * query per interval. Each client holds a {@link StreamPermits} permit while it is attached.
 *
 * <p>Outbox ids are taken when a transaction inserts and become visible when it commits, so they
 * can appear out of order. When the next id is missing, the poller waits up to {@code gap-grace}
 * for it before moving past (a rolled-back insert leaves a gap forever).
 */
@Singleton
public class EventHub {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  static final List<String> TRANSPORTS = List.of("sse", "websocket", "grpc");

  /** The audit log's action for an event stream opened (or refused), whatever its transport. */
  public static final String STREAM = "events.stream";

  private final OutboxTail outbox;
  private final EventsConfig config;
  private final JsonMapper json;
  private final StreamPermits permits;
  private final MeterRegistry metrics;
  private final AuditedReads reads;
  private final List<EventSink> clients = new CopyOnWriteArrayList<>();
  private final ReentrantLock pollLock = new ReentrantLock();
  private long cursor = -1;
  private @Nullable Instant gapSince;

  public EventHub(
      OutboxTail outbox,
      EventsConfig config,
      JsonMapper json,
      StreamPermits permits,
      MeterRegistry metrics,
      AuditedReads reads) {
    this.outbox = outbox;
    this.reads = reads;
    this.config = config;
    this.json = json;
    this.permits = permits;
    this.metrics = metrics;
    for (String transport : TRANSPORTS) {
      Gauge.builder("vigil.events.stream.clients", clients, c -> count(c, transport))
          .description("Connected event stream clients")
          .tag("transport", transport)
          .register(metrics);
    }
  }

  private static double count(List<EventSink> clients, String transport) {
    return clients.stream().filter(c -> c.transport().equals(transport)).count();
  }

  /**
   * A new SSE client of {@code caller} (429 when it holds too many streams), shown only events of
   * resources it sees. With {@code lastEventId} it first gets the newest {@code buffer-size} events
   * it missed, then the live ones, with nothing lost or repeated in between.
   */
  public Publisher<Event<String>> subscribe(
      EventFilter filter, @Nullable Long lastEventId, Caller caller) {
    StreamPermits.Permit permit = permit(caller, "sse", filter);
    ClientStream[] holder = new ClientStream[1];
    ClientStream client =
        new ClientStream(
            filter,
            caller.visibility(),
            config.bufferSize(),
            () -> {
              clients.remove(holder[0]);
              permit.close();
            });
    holder[0] = client;
    client.offer(Event.of("").comment("vigil event stream").retry(config.retry()));
    pollLock.lock();
    try {
      skipAheadWhenIdle();
      if (lastEventId != null && lastEventId < cursor) {
        replay(client, lastEventId);
      }
      clients.add(client);
    } finally {
      pollLock.unlock();
    }
    return client;
  }

  /**
   * Adds a client of another transport (WebSocket, gRPC) from the next event on; it holds a permit
   * ({@link #permit}) until it is detached.
   */
  public void attach(EventSink sink) {
    pollLock.lock();
    try {
      skipAheadWhenIdle();
      clients.add(sink);
    } finally {
      pollLock.unlock();
    }
  }

  /** A first client starts at the newest row, not where the idle poller last skipped to. */
  private void skipAheadWhenIdle() {
    ensureCursor();
    if (clients.isEmpty()) {
      cursor = Math.max(cursor, outbox.maxId());
      gapSince = null;
    }
  }

  /** Removes a client (it disconnected, or was dropped); no-op when it is not attached. */
  public void detach(EventSink sink) {
    clients.remove(sink);
  }

  /**
   * A stream permit of {@code caller}: 429 ({@code ProblemException}) when it holds the most. The
   * stream's opening (or refusal) is audited as {@link #STREAM} with its transport and filter.
   */
  public StreamPermits.Permit permit(Caller caller, String transport, EventFilter filter) {
    return reads.run(caller, STREAM, transport, filter, () -> permits.acquire(caller.actor()));
  }

  /** The buffer each client may fill before it is dropped. */
  public int bufferSize() {
    return config.bufferSize();
  }

  private void replay(ClientStream client, long lastEventId) {
    int room = config.bufferSize() - 2;
    List<OutboxTail.Row> rows = outbox.newestBetween(lastEventId, cursor, room);
    if (rows.size() == room && rows.get(0).id() > lastEventId + 1) {
      client.offer(Event.of("").comment("resume truncated: older missed events are not replayed"));
    }
    for (OutboxTail.Row row : rows) {
      StreamEvent event = toEvent(row);
      if (client.wants(event)) {
        client.offer(event);
      }
    }
  }

  /** Reads new outbox rows and fans them out. */
  @Scheduled(fixedDelay = "${vigil.api.events.poll-interval:500ms}")
  void poll() {
    pollLock.lock();
    try {
      ensureCursor();
      if (clients.isEmpty()) {
        // nobody listens: skip ahead instead of reading what no one will see
        cursor = Math.max(cursor, outbox.maxId());
        gapSince = null;
        return;
      }
      for (OutboxTail.Row row : outbox.after(cursor, config.batchSize())) {
        if (row.id() != cursor + 1 && !gapExpired()) {
          return;
        }
        gapSince = null;
        cursor = row.id();
        StreamEvent event = toEvent(row);
        for (EventSink client : clients) {
          if (client.wants(event)) {
            deliver(client, client.offer(event));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("event stream poll failed, retrying next interval: {}", e.toString());
    } finally {
      pollLock.unlock();
    }
  }

  /** A heartbeat to every client, so idle connections (and proxies) stay open. */
  @Scheduled(
      fixedDelay = "${vigil.api.events.heartbeat:15s}",
      initialDelay = "${vigil.api.events.heartbeat:15s}")
  void heartbeat() {
    for (EventSink client : clients) {
      deliver(client, client.heartbeat());
    }
  }

  public int clientCount() {
    return clients.size();
  }

  /** The attached clients now, for metrics and tests. */
  public List<EventSink> clients() {
    return List.copyOf(clients);
  }

  private void deliver(EventSink client, EventSink.Offer offer) {
    if (offer != EventSink.Offer.QUEUED) {
      clients.remove(client);
    }
    if (offer == EventSink.Offer.DROPPED) {
      Counter.builder("vigil.events.stream.dropped")
          .description("Event stream clients dropped for falling behind")
          .tag("transport", client.transport())
          .register(metrics)
          .increment();
      LOG.info(
          "{} event stream client dropped: it fell {} events behind",
          client.transport(),
          config.bufferSize());
    }
  }

  private boolean gapExpired() {
    Instant now = Instant.now();
    if (gapSince == null) {
      gapSince = now;
    }
    return !now.isBefore(gapSince.plus(config.gapGrace()));
  }

  private void ensureCursor() {
    if (cursor < 0) {
      cursor = outbox.maxId();
    }
  }

  StreamEvent toEvent(OutboxTail.Row row) {
    boolean state = Outbox.OBSERVATION.equals(row.kind());
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("id", row.id());
    head.put("kind", state ? "state" : "incident");
    head.put("type", row.eventType());
    head.put("resourceId", row.resourceId());
    head.put("incidentId", state ? null : row.aggregateId());
    head.put("namespace", row.namespace());
    head.put("severity", row.severity());
    head.put("time", row.createdAt() == null ? null : row.createdAt().toString());
    String headJson;
    try {
      headJson = json.writeValueAsString(head);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the payload is already JSON (jsonb::text): spliced in as it is, not re-encoded
    String data =
        headJson.substring(0, headJson.length() - 1) + ",\"payload\":" + row.payload() + "}";
    return new StreamEvent(
        row.id(),
        state ? "state" : "incident",
        row.eventType(),
        row.namespace(),
        row.severity(),
        data,
        row.resourceId(),
        state ? null : row.aggregateId(),
        row.createdAt(),
        row.cluster(),
        row.org());
  }
}
