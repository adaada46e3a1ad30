package dev.vigil.workflows.activity;

import java.util.Locale;

/**
 * Lifecycle of an incident: {@code open -> mitigating -> resolved | failed | terminal | cancelled}.
 * {@code failed}: the ladder ended on an action failure (compensations ran); {@code terminal}: the
 * ladder ran out without the signals clearing. Both page a human.
 */
public enum IncidentStatus {
  OPEN,
  MITIGATING,
  RESOLVED,
  FAILED,
  TERMINAL,
  CANCELLED;

  /** The value stored in PostgreSQL and returned by the API: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IncidentStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isClosed() {
    return this == RESOLVED || this == CANCELLED;
  }
}
