package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One pass of Jackson's streaming parser over a record's envelope, for the common case: every field
 * a string (or null), {@code critical} a boolean, {@code labels} an object of strings, unknown
 * fields skipped, {@code observedAt} in {@link Rfc3339}'s common shape. Building the tree first (a
 * node per value, then a lookup per field) was the largest cost of reading a record after the
 * timestamp. Whatever falls outside that case answers null, and {@link EnvelopeReader#readRecord}
 * reads the record through the tree, which accepts or rejects it, naming the field at fault, as it
 * always did; {@code EnvelopeStreamTest} holds the two readings equal.
 */
final class EnvelopeStream {
  private static final JsonFactory FACTORY = JsonInput.MAPPER.getFactory();

  private EnvelopeStream() {}

  /** The draft, or null when the tree must decide (another shape, a fault, malformed JSON). */
  static SignalDraft read(byte[] value, Instant fallbackTime) {
    if (value == null || value.length == 0) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(value)) {
      return read(p, fallbackTime);
    } catch (IOException | RuntimeException malformedOrUnusual) {
      return null;
    }
  }

  private static SignalDraft read(JsonParser p, Instant fallbackTime) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String resource = null;
    String type = null;
    String reason = null;
    String status = null;
    String code = null;
    String source = null;
    String observedAt = null;
    String cluster = null;
    String namespace = null;
    String component = null;
    String severity = null;
    Boolean critical = null;
    String message = null;
    Map<String, String> labels = Map.of();
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "critical" -> critical = bool(value);
        case "labels" -> labels = labels(p, value);
        case "id" -> id = text(p, value);
        case "resourceId" -> resource = text(p, value);
        case "resourceType" -> type = text(p, value);
        case "reason" -> reason = text(p, value);
        case "status" -> status = text(p, value);
        case "code" -> code = text(p, value);
        case "source" -> source = text(p, value);
        case "observedAt" -> observedAt = text(p, value);
        case "cluster" -> cluster = text(p, value);
        case "namespace" -> namespace = text(p, value);
        case "component" -> component = text(p, value);
        case "severity" -> severity = text(p, value);
        case "message" -> message = text(p, value);
        default -> p.skipChildren(); // unknown fields are ignored, as the tree reader does
      }
    }
    if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
      return null; // trailing content: the tree reader says what is wrong
    }
    Instant observed = null;
    if (observedAt != null) {
      observed = Rfc3339.parse(observedAt);
      if (observed == null) {
        return null; // another shape of timestamp, or none: the formatter decides
      }
    }
    // a fault (no resource, no reason, an unknown status) throws there: the tree names the first
    // one
    return EnvelopeReader.draft(
        "",
        id,
        resource,
        type,
        reason,
        status,
        code,
        source,
        observed,
        cluster,
        namespace,
        component,
        severity,
        critical,
        message,
        labels,
        fallbackTime);
  }

  /** A value outside the common case: the tree reader decides. */
  private static final class NotCommon extends RuntimeException {
    NotCommon() {
      super(null, null, false, false);
    }
  }

  private static final NotCommon NOT_COMMON = new NotCommon();

  /** A string (null when null or blank, as the tree reader reads it), else not common. */
  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw NOT_COMMON;
    }
    String text = p.getText();
    return text.isBlank() ? null : text;
  }

  private static Boolean bool(JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!value.isBoolean()) {
      throw NOT_COMMON;
    }
    return value == JsonToken.VALUE_TRUE;
  }

  /**
   * An object of strings (or null: none). Null values are left out, as the tree reader does; a
   * repeated key keeps its first place and its last value, as the tree's object does.
   */
  private static Map<String, String> labels(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_COMMON;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken entry = p.nextToken();
      if (entry == JsonToken.VALUE_NULL) {
        labels.put(key, null);
      } else if (entry == JsonToken.VALUE_STRING) {
        labels.put(key, p.getText());
      } else {
        throw NOT_COMMON;
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw NOT_COMMON;
    }
    labels.values().removeIf(Objects::isNull);
    return labels;
  }
}
