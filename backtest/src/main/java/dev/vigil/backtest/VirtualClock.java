package dev.vigil.backtest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The wall clock of the activities during a replay (lease expiry and cooldowns, the action
 * journal's timestamps): the virtual time of the replay's test server ({@link ReplayServer#now}),
 * so a lease taken at 03:00 of the recorded week expires in that week, not today.
 */
final class VirtualClock extends Clock {
  private volatile Supplier<Instant> time;

  /** From now on, read the time from here; null: no replay is running. */
  void follow(Supplier<Instant> time) {
    this.time = time;
  }

  @Override
  public Instant instant() {
    Supplier<Instant> current = time;
    if (current == null) {
      throw new IllegalStateException("no replay is running");
    }
    return current.get();
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
