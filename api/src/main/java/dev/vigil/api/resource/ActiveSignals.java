package dev.vigil.api.resource;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code resource_state.active_signals} (written by ingest) into {@link ActiveSignal}s.
 * Tolerant of how the writer serialized instants (ISO-8601 text or epoch seconds), so the API
 * always answers ISO-8601.
 */
@Singleton
public class ActiveSignals {
  private final JsonMapper json;

  public ActiveSignals(JsonMapper json) {
    this.json = json;
  }

  public List<ActiveSignal> parse(@Nullable String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    JsonNode array;
    try {
      array = json.readValue(column, JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("resource_state.active_signals is not JSON", e);
    }
    List<ActiveSignal> signals = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode s : array.values()) {
        signals.add(
            new ActiveSignal(
                text(s, "code"),
                text(s, "reason"),
                s.get("count") != null && s.get("count").isNumber()
                    ? s.get("count").getLongValue()
                    : 1,
                text(s, "severity"),
                instant(s.get("firstSeen")),
                instant(s.get("lastSeen")),
                text(s, "message"),
                instant(s.get("expiresAt"))));
      }
    }
    return signals;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.coerceStringValue();
  }

  static @Nullable Instant instant(@Nullable JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      BigDecimal seconds = new BigDecimal(v.getNumberValue().toString());
      return Instant.ofEpochSecond(
          seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    return Instant.parse(v.coerceStringValue());
  }
}
