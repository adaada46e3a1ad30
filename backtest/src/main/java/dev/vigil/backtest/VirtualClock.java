package dev.vigil.backtest;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock of the activities during a replay (lease expiry and cooldowns, the action
 * journal's timestamps): the time of the time-skipping test server, so a lease taken at 03:00 of
 * the recorded week expires in that week, not today.
 */
final class VirtualClock extends Clock {
  private volatile TestWorkflowEnvironment env;

  /** From now on, read the time of this environment. */
  void follow(TestWorkflowEnvironment env) {
    this.env = env;
  }

  @Override
  public Instant instant() {
    TestWorkflowEnvironment current = env;
    if (current == null) {
      throw new IllegalStateException("no replay is running");
    }
    return Instant.ofEpochMilli(current.currentTimeMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the virtual clock is UTC only");
  }
}
