package dev.vigil.store.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One element of {@code resource_state.active_signals}, which is the API's {@code activeSignals}
 * array verbatim.
 *
 * @param count distinct events seen for the signal while it is active
 * @param expiresAt when it stops being active unless seen again (signals with a TTL), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveSignal(
    String code,
    String reason,
    int count,
    Severity severity,
    Instant firstSeen,
    Instant lastSeen,
    String message,
    Instant expiresAt) {

  public String key() {
    return code + "|" + reason;
  }
}
