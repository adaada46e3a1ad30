package dev.vigil.api.events;

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
 * row into a {@link StreamEvent} once, and offers it to every client whose filter accepts it.
 * However many clients listen, PostgreSQL sees one query per interval.
 *
 * <p>Outbox ids are taken when a transaction inserts and become visible when it commits, so they
 * can appear out of order. When the next id is missing, the poller waits up to {@code gap-grace}
 * for it before moving past (a rolled-back insert leaves a gap forever).
 */
@Singleton
public class EventHub {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  static final Event<String> HEARTBEAT = Event.of("").comment("heartbeat");

  private final OutboxTail outbox;
  private final EventsConfig config;
  private final JsonMapper json;
  private final List<ClientStream> clients = new CopyOnWriteArrayList<>();
  private final ReentrantLock pollLock = new ReentrantLock();
  private final Counter dropped;
  private long cursor = -1;
  private @Nullable Instant gapSince;

  public EventHub(OutboxTail outbox, EventsConfig config, JsonMapper json, MeterRegistry metrics) {
    this.outbox = outbox;
    this.config = config;
    this.json = json;
    this.dropped =
        Counter.builder("vigil.events.stream.dropped")
            .description("Event stream clients dropped for falling behind")
            .register(metrics);
    Gauge.builder("vigil.events.stream.clients", clients, List::size)
        .description("Connected event stream clients")
        .register(metrics);
  }

  /**
   * A new client. With {@code lastEventId} it first gets the newest {@code buffer-size} events it
   * missed, then the live ones, with nothing lost or repeated in between.
   */
  public Publisher<Event<String>> subscribe(EventFilter filter, @Nullable Long lastEventId) {
    ClientStream[] holder = new ClientStream[1];
    ClientStream client =
        new ClientStream(filter, config.bufferSize(), () -> clients.remove(holder[0]));
    holder[0] = client;
    client.offer(Event.of("").comment("vigil event stream").retry(config.retry()));
    pollLock.lock();
    try {
      ensureCursor();
      if (lastEventId != null && lastEventId < cursor) {
        replay(client, lastEventId);
      }
      clients.add(client);
    } finally {
      pollLock.unlock();
    }
    return client;
  }

  private void replay(ClientStream client, long lastEventId) {
    int room = config.bufferSize() - 2;
    List<OutboxTail.Row> rows = outbox.newestBetween(lastEventId, cursor, room);
    if (rows.size() == room && rows.get(0).id() > lastEventId + 1) {
      client.offer(Event.of("").comment("resume truncated: older missed events are not replayed"));
    }
    for (OutboxTail.Row row : rows) {
      StreamEvent event = toEvent(row);
      if (client.filter().accepts(event)) {
        client.offer(sse(event));
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
        Event<String> sse = null;
        for (ClientStream client : clients) {
          if (client.filter().accepts(event)) {
            sse = sse == null ? sse(event) : sse;
            deliver(client, sse);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("event stream poll failed, retrying next interval: {}", e.toString());
    } finally {
      pollLock.unlock();
    }
  }

  /** A comment line to every client, so idle connections (and proxies) stay open. */
  @Scheduled(
      fixedDelay = "${vigil.api.events.heartbeat:15s}",
      initialDelay = "${vigil.api.events.heartbeat:15s}")
  void heartbeat() {
    for (ClientStream client : clients) {
      deliver(client, HEARTBEAT);
    }
  }

  public int clientCount() {
    return clients.size();
  }

  private void deliver(ClientStream client, Event<String> event) {
    ClientStream.Offer offer = client.offer(event);
    if (offer != ClientStream.Offer.QUEUED) {
      clients.remove(client);
    }
    if (offer == ClientStream.Offer.DROPPED) {
      dropped.increment();
      LOG.info("event stream client dropped: it fell {} events behind", config.bufferSize());
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

  private static Event<String> sse(StreamEvent event) {
    return Event.of(event.json()).id(Long.toString(event.id())).name(event.name());
  }

  StreamEvent toEvent(OutboxTail.Row row) {
    boolean state = "observation".equals(row.kind());
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
        data);
  }
}
