package dev.vigil.ingest.state;

import dev.vigil.ingest.outbox.Observations;
import dev.vigil.ingest.ttl.SignalTtl;
import java.time.Duration;

/**
 * The fold's rules as ingest configures them: signal TTLs from {@code vigil.ingest.ttl}, revert
 * reasons from the loaded policies. Ingest's partition owners and the backtest's fleet fold with
 * the same rules.
 */
public final class FoldRules implements ResourceFold.Rules {
  private final SignalTtl ttl;
  private final Observations observations;

  public FoldRules(SignalTtl ttl, Observations observations) {
    this.ttl = ttl;
    this.observations = observations;
  }

  @Override
  public Duration ttl(String code, String reason) {
    return ttl.ttl(code, reason);
  }

  @Override
  public boolean isRevertReason(String resourceType, String reason) {
    return observations.isRevertReason(resourceType, reason);
  }
}
