package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies as JSON trees and pulls typed values out of them, naming the JSON path of
 * anything missing or of the wrong type, so receivers answer 400 with the field at fault.
 */
public final class JsonInput {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonInput() {}

  /** One JSON value. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidSignalException(null, "the request body is empty");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new InvalidSignalException(null, "the request body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new InvalidSignalException(null, "cannot read the request body: " + e.getMessage(), e);
    }
  }

  /**
   * A stream of JSON values: one value, an array of values, or values one after another (JSON
   * lines). Returns the values with their paths ({@code [i]}).
   */
  public static List<Located> values(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidSignalException(null, "the request body is empty");
    }
    List<JsonNode> top = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(body)) {
      while (it.hasNextValue()) {
        top.add(it.nextValue());
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw malformed(jpe);
      }
      throw e;
    } catch (IOException e) {
      throw new InvalidSignalException(null, "cannot read the request body: " + e.getMessage(), e);
    }
    if (top.isEmpty()) {
      throw new InvalidSignalException(null, "the request body is empty");
    }
    List<JsonNode> flat = new ArrayList<>();
    if (top.size() == 1 && top.get(0).isArray()) {
      top.get(0).forEach(flat::add);
    } else {
      flat.addAll(top);
    }
    List<Located> located = new ArrayList<>(flat.size());
    for (int i = 0; i < flat.size(); i++) {
      located.add(new Located(flat.get(i), "[" + i + "]"));
    }
    return located;
  }

  /** A JSON value and where it sits in the request. */
  public record Located(JsonNode node, String path) {}

  private static InvalidSignalException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String what = e instanceof JsonParseException ? "malformed JSON" : "unreadable JSON";
    return new InvalidSignalException(null, what + where + ": " + e.getOriginalMessage(), e);
  }

  public static String child(String path, String name) {
    return path == null || path.isEmpty() ? name : path + "." + name;
  }

  /** The object at {@code path}; 400 when it is something else. */
  public static JsonNode requireObject(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new InvalidSignalException(path, fieldName(path) + " is required");
    }
    if (!node.isObject()) {
      throw new InvalidSignalException(
          path, fieldName(path) + " must be an object, not " + kind(node));
    }
    return node;
  }

  public static JsonNode requireArray(JsonNode node, String path) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new InvalidSignalException(path, fieldName(path) + " is required");
    }
    if (!node.isArray()) {
      throw new InvalidSignalException(
          path, fieldName(path) + " must be an array, not " + kind(node));
    }
    return node;
  }

  /** Text of {@code parent.name}, or null when absent, null or blank; 400 when not a string. */
  public static String text(JsonNode parent, String name, String parentPath) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidSignalException(
          child(parentPath, name),
          child(parentPath, name) + " must be a string, not " + kind(value));
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  public static String requireText(JsonNode parent, String name, String parentPath) {
    String text = text(parent, name, parentPath);
    if (text == null) {
      throw new InvalidSignalException(
          child(parentPath, name), child(parentPath, name) + " is required");
    }
    return text;
  }

  /** A boolean, or null when absent. */
  public static Boolean bool(JsonNode parent, String name, String parentPath) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new InvalidSignalException(
          child(parentPath, name),
          child(parentPath, name) + " must be true or false, not " + kind(value));
    }
    return value.booleanValue();
  }

  /** An object whose values are strings ({@code labels}); empty when absent. */
  public static Map<String, String> stringMap(JsonNode parent, String name, String parentPath) {
    JsonNode value = parent.get(name);
    String path = child(parentPath, name);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new InvalidSignalException(
          path, path + " must be an object of strings, not " + kind(value));
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      JsonNode v = entry.getValue();
      if (v.isNull()) {
        continue;
      }
      if (!v.isTextual()) {
        throw new InvalidSignalException(
            path + "." + entry.getKey(),
            path + "." + entry.getKey() + " must be a string, not " + kind(v));
      }
      map.put(entry.getKey(), v.asText());
    }
    return map;
  }

  /** An RFC 3339 timestamp, or null when absent. */
  public static Instant instant(JsonNode parent, String name, String parentPath) {
    String text = text(parent, name, parentPath);
    if (text == null) {
      return null;
    }
    Instant common = Rfc3339.parse(text);
    if (common != null) {
      return common;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw new InvalidSignalException(
            child(parentPath, name),
            child(parentPath, name) + " must be an RFC 3339 timestamp, not '" + text + "'");
      }
    }
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary";
    };
  }

  private static String fieldName(String path) {
    return path == null || path.isEmpty() ? "the request body" : path;
  }
}
