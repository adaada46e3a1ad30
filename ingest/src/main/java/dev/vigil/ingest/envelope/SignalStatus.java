package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Whether a signal fires or has resolved; wire values {@code firing} and {@code resolved}. */
public enum SignalStatus {
  FIRING,
  RESOLVED;

  /** Lower-cased once: every event is written with its wire values. */
  private final String wire = name().toLowerCase(Locale.ROOT);

  @JsonValue
  public String wire() {
    return wire;
  }

  public static Optional<SignalStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (SignalStatus status : values()) {
      if (status.wire().equalsIgnoreCase(value.trim())) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static SignalStatus fromWire(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "status must be firing or resolved (was '" + value + "')"));
  }
}
