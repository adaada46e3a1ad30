package dev.vigil.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One line of a recorded stream: {@code {"at": "<RFC 3339 receive time>", "source": "alertmanager"
 * | "eventrouter" | "signals", "body": <what that receiver accepts>}}.
 *
 * @param number 1-based line number in the file, for messages
 * @param at when Vigil received it; the replay's virtual clock reaches this time before the line is
 *     applied
 * @param source which receiver reads the body
 * @param body the request body as that receiver got it
 */
public record RecordedLine(int number, Instant at, Source source, JsonNode body) {

  /** The receivers a line can name, by their wire names. */
  public enum Source {
    ALERTMANAGER("alertmanager"),
    EVENTROUTER("eventrouter"),
    SIGNALS("signals");

    private final String wire;

    Source(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The source with this wire name, or null. */
    public static Source of(String wire) {
      for (Source source : values()) {
        if (source.wire.equals(wire)) {
          return source;
        }
      }
      return null;
    }
  }
}
