package dev.vigil.ingest.ttl;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The TTL of a signal by its reason, else its code; null when it resolves itself. */
@Singleton
public class SignalTtl {
  private final Map<String, Duration> byCode;
  private final Map<String, Duration> byReason;

  public SignalTtl(TtlConfig config) {
    this.byCode = new HashMap<>(TtlConfig.DEFAULT_BY_CODE);
    this.byCode.putAll(config.byCode());
    this.byReason = Map.copyOf(config.byReason());
  }

  public Duration ttl(String code, String reason) {
    Duration ttl = byReason.containsKey(reason) ? byReason.get(reason) : byCode.get(code);
    return ttl == null || ttl.isZero() || ttl.isNegative() ? null : ttl;
  }
}
