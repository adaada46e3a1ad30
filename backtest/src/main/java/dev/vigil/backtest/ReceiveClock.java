package dev.vigil.backtest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The receivers' clock during a replay: it says the recorded receive time of the line being read,
 * so whatever a receiver stamps with "now" (a resolved alert without {@code endsAt}, an envelope
 * without {@code observedAt}) gets the time it got in production.
 */
final class ReceiveClock extends Clock {
  private Instant now = Instant.EPOCH;

  void set(Instant at) {
    now = at;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the receive clock is UTC only");
  }
}
