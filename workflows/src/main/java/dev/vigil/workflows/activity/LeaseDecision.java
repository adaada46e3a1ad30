package dev.vigil.workflows.activity;

import java.time.Duration;

/**
 * The storm guard's answer.
 *
 * @param granted the holder may act
 * @param reason why it was refused ({@code max-concurrent}, {@code max-unhealthy-fraction}, {@code
 *     cooldown}), null when granted
 * @param retryAfter when to ask again
 * @param stormDeclared true for exactly one refused holder per scope and storm: that workflow sends
 *     the scope's single page instead of a thousand repairs
 */
public record LeaseDecision(
    boolean granted, String reason, Duration retryAfter, boolean stormDeclared) {

  public static LeaseDecision grant() {
    return new LeaseDecision(true, null, Duration.ZERO, false);
  }
}
