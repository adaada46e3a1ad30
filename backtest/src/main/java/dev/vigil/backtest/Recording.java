package dev.vigil.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.envelope.InvalidSignalException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A recorded stream, read and received: every line checked (JSON, {@code at}, {@code source},
 * {@code body}, and the body as its receiver reads it), then ordered by receive time. Lines that
 * fail are kept as {@link BadLine}s with their numbers; blank lines are skipped.
 *
 * @param file the file as the user named it
 * @param lines the good lines, ordered by {@code at} (stable: equal times keep file order)
 * @param bad the bad lines, in file order
 */
public record Recording(String file, List<Received> lines, List<BadLine> bad) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String SOURCES = "alertmanager, eventrouter, signals";

  public Recording {
    lines = List.copyOf(lines);
    bad = List.copyOf(bad);
  }

  static Recording read(Path path, Receivers receivers) {
    List<Received> good = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = in.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try {
          good.add(receive(number, text, receivers));
        } catch (LineException e) {
          bad.add(new BadLine(number, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
    }
    good.sort(Comparator.comparing(Received::at));
    return new Recording(path.toString(), good, bad);
  }

  /** The first and last receive time, or null for an empty recording. */
  public Instant start() {
    return lines.isEmpty() ? null : lines.get(0).at();
  }

  public Instant end() {
    return Received.end(lines);
  }

  /** Signals the lines produced, duplicates included (ingest publishes every one). */
  public int signals() {
    return lines.stream().mapToInt(line -> line.signals().size()).sum();
  }

  private static Received receive(int number, String text, Receivers receivers) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LineException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new LineException(
          "a line must be a JSON object {\"at\": ..., \"source\": ..., \"body\": ...}");
    }
    Instant at = at(node.get("at"));
    JsonNode sourceNode = node.get("source");
    if (sourceNode == null || sourceNode.isNull()) {
      throw new LineException("source is required: one of " + SOURCES);
    }
    RecordedLine.Source source = RecordedLine.Source.of(sourceNode.asText());
    if (source == null || !sourceNode.isTextual()) {
      throw new LineException(
          "source must be one of " + SOURCES + ", not " + sourceNode.toString());
    }
    JsonNode body = node.get("body");
    if (body == null || body.isNull()) {
      throw new LineException("body is required: what the " + source.wire() + " receiver accepts");
    }
    JsonNode contentType = node.get("contentType");
    try {
      return receivers.read(
          new RecordedLine(number, at, source, body),
          contentType == null || contentType.isNull() ? null : contentType.asText());
    } catch (InvalidSignalException e) {
      throw new LineException(
          "body rejected by the " + source.wire() + " receiver: " + e.getMessage());
    }
  }

  private static Instant at(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new LineException("at is required: the RFC 3339 time Vigil received the body");
    }
    if (!node.isTextual()) {
      throw new LineException("at must be an RFC 3339 timestamp string, not " + node);
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new LineException("at must be an RFC 3339 timestamp, not '" + node.asText() + "'");
    }
  }

  /** Why one line cannot be replayed. */
  private static final class LineException extends RuntimeException {
    LineException(String message) {
      super(message, null, false, false);
    }
  }
}
