package dev.vigil.api.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a WebSocket client sends to choose its events: {@code {"eventTypes": [...], "namespaces":
 * [...], "severities": [...]}}; a missing or empty list means all.
 */
@Serdeable
public record FilterMessage(
    @Nullable List<String> eventTypes,
    @Nullable List<String> namespaces,
    @Nullable List<String> severities) {

  static FilterMessage of(EventFilter filter) {
    return new FilterMessage(
        filter.types().stream().sorted().toList(),
        filter.namespaces().stream().sorted().toList(),
        filter.severities().stream().sorted().toList());
  }
}
