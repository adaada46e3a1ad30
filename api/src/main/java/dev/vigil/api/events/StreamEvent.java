package dev.vigil.api.events;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One outbox row ready to fan out: the facts filters look at, and the {@code data:} JSON built once
 * for every client.
 *
 * @param id outbox id: the SSE {@code id}, what {@code Last-Event-ID} resumes from
 * @param name SSE event name: {@code state} (a health transition) or {@code incident}
 * @param type the outbox event type: {@code health.transition} or a CDEvents incident type
 * @param namespace the resource's namespace, when it has one
 * @param severity the observation's highest active severity, or the incident's severity
 * @param json the {@code data:} line (SSE), the message (WebSocket), {@code Event.json} (gRPC)
 * @param resourceId the resource
 * @param incidentId the incident, for incident events
 * @param time when the outbox row was written
 * @param cluster the resource's cluster
 * @param org the resource's org: with the cluster, which clients see the event
 */
public record StreamEvent(
    long id,
    String name,
    String type,
    @Nullable String namespace,
    @Nullable String severity,
    String json,
    @Nullable String resourceId,
    @Nullable String incidentId,
    @Nullable Instant time,
    @Nullable String cluster,
    @Nullable String org) {}
