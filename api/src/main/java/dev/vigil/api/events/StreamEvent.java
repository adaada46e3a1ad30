package dev.vigil.api.events;

import io.micronaut.core.annotation.Nullable;

/**
 * One outbox row ready to fan out: the facts filters look at, and the {@code data:} JSON built once
 * for every client.
 *
 * @param id outbox id: the SSE {@code id}, what {@code Last-Event-ID} resumes from
 * @param name SSE event name: {@code state} (a health transition) or {@code incident}
 * @param type the outbox event type: {@code health.transition} or a CDEvents incident type
 * @param namespace the resource's namespace, when it has one
 * @param severity the observation's highest active severity, or the incident's severity
 * @param json the {@code data:} line
 */
public record StreamEvent(
    long id,
    String name,
    String type,
    @Nullable String namespace,
    @Nullable String severity,
    String json) {}
