package dev.vigil.api.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** One row of an incident's timeline ({@code incident_event}), in {@code seq} order. */
@Serdeable
public record TimelineEvent(
    long seq,
    Instant at,
    String kind,
    @Nullable String phase,
    String message,
    String actor,
    Map<String, Object> details) {}
