package dev.vigil.ingest.state;

import dev.vigil.ingest.ttl.SignalTtl;
import dev.vigil.workflows.policy.PolicyMatcher;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The fold's rules as ingest configures them: signal TTLs from {@code vigil.ingest.ttl}, revert
 * reasons from the loaded policies. Ingest's partition owners and the backtest's fleet fold with
 * the same rules (one bean here, built by hand there).
 */
@Singleton
public final class FoldRules implements ResourceFold.Rules {
  private final SignalTtl ttl;
  private final PolicyMatcher policies;

  public FoldRules(SignalTtl ttl, PolicyMatcher policies) {
    this.ttl = ttl;
    this.policies = policies;
  }

  @Override
  public Duration ttl(String code, String reason) {
    return ttl.ttl(code, reason);
  }

  @Override
  public boolean isRevertReason(String resourceType, String reason) {
    return policies.isRevertReason(resourceType, reason);
  }
}
