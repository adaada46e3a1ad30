package dev.vigil.activities.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.lease.LeaseRules.Fleet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final ScopeLimits LIMITS =
      new ScopeLimits(
          2, 0.4, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void stormLikeReasonsComeBeforeTheCooldown() {
    var refusal = LeaseRules.refusal(LIMITS, 2, new Fleet(10, 5), NOW.minusSeconds(10), NOW);

    assertThat(refusal)
        .get()
        .extracting(LeaseRules.Refusal::reason)
        .isEqualTo("max-unhealthy-fraction");
  }

  @Test
  void fractionAtTheLimit_isStillAllowed_andSmallScopesAreNotJudged() {
    assertThat(LeaseRules.refusal(LIMITS, 0, new Fleet(10, 4), null, NOW)).isEmpty();
    assertThat(LeaseRules.refusal(LIMITS, 0, new Fleet(9, 9), null, NOW)).isEmpty();
  }

  @Test
  void cooldown_saysWhenItEnds_andDeclaresNoStorm() {
    var refusal = LeaseRules.refusal(LIMITS, 0, new Fleet(0, 0), NOW.minusSeconds(60), NOW);

    assertThat(refusal)
        .get()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("cooldown");
              assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(4));
              assertThat(r.stormLike()).isFalse();
            });
  }

  @Test
  void calm_needsSpareCapacityAndAHealthyEnoughScope() {
    assertThat(LeaseRules.calm(LIMITS, 1, new Fleet(10, 1))).isTrue();
    assertThat(LeaseRules.calm(LIMITS, 2, new Fleet(10, 1))).isFalse();
    assertThat(LeaseRules.calm(LIMITS, 1, new Fleet(10, 6))).isFalse();
  }
}
