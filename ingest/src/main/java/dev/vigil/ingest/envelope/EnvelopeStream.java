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
        case "critical" -> {
          if (value == JsonToken.VALUE_NULL) {
            critical = null;
          } else if (value.isBoolean()) {
            critical = value == JsonToken.VALUE_TRUE;
          } else {
            return null;
          }
        }
        case "labels" -> {
          if (value == JsonToken.VALUE_NULL) {
            labels = Map.of();
          } else if (value == JsonToken.START_OBJECT) {
            labels = labels(p);
            if (labels == null) {
              return null;
            }
          } else {
            return null;
          }
        }
        case "id",
            "resourceId",
            "resourceType",
            "reason",
            "status",
            "code",
            "source",
            "observedAt",
            "cluster",
            "namespace",
            "component",
            "severity",
            "message" -> {
          String text;
          if (value == JsonToken.VALUE_NULL) {
            text = null;
          } else if (value == JsonToken.VALUE_STRING) {
            text = p.getText();
            text = text.isBlank() ? null : text;
          } else {
            return null;
          }
          switch (name) {
            case "id" -> id = text;
            case "resourceId" -> resource = text;
            case "resourceType" -> type = text;
            case "reason" -> reason = text;
            case "status" -> status = text;
            case "code" -> code = text;
            case "source" -> source = text;
            case "observedAt" -> observedAt = text;
            case "cluster" -> cluster = text;
            case "namespace" -> namespace = text;
            case "component" -> component = text;
            case "severity" -> severity = text;
            default -> message = text;
          }
        }
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
    if (resource == null || reason == null || (status != null && !validStatus(status))) {
      return null; // a fault: the tree reader names the first one
    }
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

  private static boolean validStatus(String status) {
    return SignalStatus.parse(status).isPresent();
  }

  /**
   * An object of strings, or null otherwise. Null values are left out, as the tree reader does; a
   * repeated key keeps its first place and its last value, as the tree's object does.
   */
  private static Map<String, String> labels(JsonParser p) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        labels.put(key, null);
      } else if (value == JsonToken.VALUE_STRING) {
        labels.put(key, p.getText());
      } else {
        return null;
      }
    }
    labels.values().removeIf(Objects::isNull);
    return token == JsonToken.END_OBJECT ? labels : null;
  }
}
