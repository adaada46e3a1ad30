package dev.vigil.ingest.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;

/** JSON of the jsonb columns of {@code resource_state}: active signals, marks, labels. */
final class StateJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final TypeReference<List<ActiveSignal>> SIGNALS = new TypeReference<>() {};
  private static final TypeReference<Map<String, SignalMark>> MARKS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private StateJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize resource state", e);
    }
  }

  static List<ActiveSignal> signals(String json) {
    return read(json, SIGNALS, List.of());
  }

  static Map<String, SignalMark> marks(String json) {
    return read(json, MARKS, Map.of());
  }

  static Map<String, String> labels(String json) {
    return read(json, LABELS, Map.of());
  }

  private static <T> T read(String json, TypeReference<T> type, T empty) {
    if (json == null || json.isBlank()) {
      return empty;
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("resource_state holds JSON ingest cannot read", e);
    }
  }
}
