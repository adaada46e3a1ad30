package dev.vigil.store.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How bad a signal is; the wire values are lower-case ({@code info|warning|error|critical}). */
public enum Severity {
  INFO,
  WARNING,
  ERROR,
  CRITICAL;

  /** Lower-cased once: every event is written with its wire values. */
  private final String wire = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Error and critical signals make a resource Unhealthy; warnings make it Degraded. */
  public boolean isAdverse() {
    return this != INFO;
  }

  /** The severity whose wire value this is (case-insensitive), or empty. */
  public static Optional<Severity> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Severity severity : values()) {
      if (severity.wire().equalsIgnoreCase(value.trim())) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static Severity fromWire(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "severity must be one of info, warning, error, critical (was '"
                        + value
                        + "')"));
  }
}
