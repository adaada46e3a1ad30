package dev.vigil.testkit;

import dev.vigil.store.contracts.ActiveSignal;
import dev.vigil.store.contracts.Severity;
import dev.vigil.store.contracts.StateColumns;
import java.time.Instant;
import java.util.List;

/**
 * {@code resource_state.active_signals} for tests that seed rows a reader (the API, the CLI) then
 * reads: built from store's contract and written with its mapper, as ingest writes them, so a
 * reader is tested against the writer's format and not a hand-written one.
 */
public final class StoredSignals {
  private StoredSignals() {}

  /** One critical {@code K8sEvent/CrashLoopBackOff} seen 5 times, 09:00 to 10:00 on 2026-01-08. */
  public static String crashLoopBackOff() {
    return StateColumns.write(
        List.of(
            new ActiveSignal(
                "K8sEvent",
                "CrashLoopBackOff",
                5,
                Severity.CRITICAL,
                Instant.parse("2026-01-08T09:00:00Z"),
                Instant.parse("2026-01-08T10:00:00Z"),
                null,
                null)));
  }
}
