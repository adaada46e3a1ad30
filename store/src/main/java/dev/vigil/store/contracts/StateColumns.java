package dev.vigil.store.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code resource_state}'s JSON columns ({@code json}, {@code text} and {@code jsonb}),
 * for the module that writes them (ingest) and those that read them (the API, the backtest, tests
 * seeding rows): one mapper, so a reader never has to guess how the writer encoded a value.
 * Instants are ISO-8601 text, unknown fields are ignored (a newer writer may add some), absent or
 * blank columns read as empty.
 *
 * <ul>
 *   <li>{@code active_signals}: a list of {@link ActiveSignal} (the API's {@code activeSignals}
 *       verbatim);
 *   <li>{@code labels}: a map of label name to value;
 *   <li>{@code signal_marks}: ingest's own bookkeeping, read with {@link #read} and its type.
 * </ul>
 */
public final class StateColumns {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final TypeReference<List<ActiveSignal>> SIGNALS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private StateColumns() {}

  /** The column's JSON text for a value of one of the shapes above. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a resource_state column", e);
    }
  }

  /**
   * {@code active_signals} written by hand ({@link ColumnJson}): the text {@link #write} gives
   * (nulls left out), without databind's reflection, which was the largest share of ingest's row
   * writes once most events cost one ({@code StateColumnsTest} holds the two equal).
   */
  public static String writeActiveSignals(List<ActiveSignal> signals) {
    StringBuilder out = new StringBuilder(256);
    writeActiveSignals(signals, out);
    return out.toString();
  }

  /** {@link #writeActiveSignals(List)}'s text, appended to {@code out}. */
  public static void writeActiveSignals(List<ActiveSignal> signals, StringBuilder out) {
    ColumnJson json = new ColumnJson(out).beginArray();
    for (ActiveSignal s : signals) {
      json.beginObject()
          .field("code", s.code())
          .field("reason", s.reason())
          .field("count", s.count())
          .field("severity", s.severity() == null ? null : s.severity().wire())
          .field("firstSeen", s.firstSeen())
          .field("lastSeen", s.lastSeen())
          .field("message", s.message())
          .field("expiresAt", s.expiresAt())
          .endObject();
    }
    json.endArray();
  }

  /** {@code labels} written by hand: the text {@link #write} gives. */
  public static String writeLabels(Map<String, String> labels) {
    StringBuilder out = new StringBuilder(64);
    writeLabels(labels, out);
    return out.toString();
  }

  /** {@link #writeLabels(Map)}'s text, appended to {@code out}. */
  public static void writeLabels(Map<String, String> labels, StringBuilder out) {
    ColumnJson json = new ColumnJson(out).beginObject();
    labels.forEach((name, value) -> json.name(name).value(value));
    json.endObject();
  }

  /** {@code active_signals}, oldest signal first as written. */
  public static List<ActiveSignal> activeSignals(String json) {
    return read(json, SIGNALS, List.of());
  }

  /** {@code labels}. */
  public static Map<String, String> labels(String json) {
    return read(json, LABELS, Map.of());
  }

  /** A column of the given shape, or {@code empty} when the column is null or blank. */
  public static <T> T read(String json, TypeReference<T> type, T empty) {
    if (json == null || json.isBlank()) {
      return empty;
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "resource_state holds JSON that is not a " + type.getType().getTypeName(), e);
    }
  }
}
