package dev.vigil.api.fleet;

import java.util.Map;

/** Resources per health state and per remediation phase, as PostgreSQL counts them now. */
public record FleetCounts(Map<String, Long> byHealth, Map<String, Long> byPhase) {

  public long total() {
    return byHealth.values().stream().mapToLong(Long::longValue).sum();
  }
}
