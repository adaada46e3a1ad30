package dev.vigil.api.events;

import dev.vigil.api.tenancy.Tenancy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

/** {@code GET /v1/events}: server-sent events of health transitions and incident changes. */
@Controller("/v1/events")
@Tag(name = "events")
public class EventStreamController {
  private final EventHub hub;
  private final Tenancy tenancy;

  public EventStreamController(EventHub hub, Tenancy tenancy) {
    this.hub = hub;
    this.tenancy = tenancy;
  }

  @Get(produces = MediaType.TEXT_EVENT_STREAM)
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary = "Stream state and incident changes",
      description =
          "Server-sent events: event 'state' for every health transition, 'incident' for every"
              + " incident change (data: id, kind, type, resourceId, incidentId, namespace,"
              + " severity, time, payload). A ': heartbeat' comment comes every 15 s. Reconnect"
              + " with Last-Event-ID to get what was missed (up to the buffer size). A client that"
              + " stops reading is disconnected. A token holds at most"
              + " vigil.api.events.max-streams-per-caller streams (SSE, WebSocket and gRPC"
              + " together); one more is 429. Only events of resources of the token's orgs. Needs"
              + " state:read.")
  public Publisher<Event<String>> stream(
      @Parameter(
              description =
                  "comma-separated: state, incident, health.transition,"
                      + " incident.detected, incident.resolved, ...")
          @QueryValue
          @Nullable
          String types,
      @Parameter(description = "comma-separated namespaces") @QueryValue @Nullable
          String namespaces,
      @Parameter(description = "comma-separated: info, warning, error, critical")
          @QueryValue
          @Nullable
          String severities,
      @Header("Last-Event-ID") @Nullable String lastEventId,
      HttpRequest<?> request) {
    return hub.subscribe(
        EventFilter.parse(types, namespaces, severities),
        parseId(lastEventId),
        tenancy.caller(request));
  }

  private static @Nullable Long parseId(@Nullable String lastEventId) {
    try {
      return lastEventId == null || lastEventId.isBlank()
          ? null
          : Long.parseLong(lastEventId.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
