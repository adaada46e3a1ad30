package dev.vigil.backtest;

import dev.vigil.ingest.envelope.Signal;
import java.time.Instant;
import java.util.List;

/**
 * A recorded line after its receiver and the normalization rules: what ingest would have produced
 * to {@code vigil.signals} at {@code at}.
 *
 * @param number the line number
 * @param at the recorded receive time
 * @param signals the normalized signals, in the body's order
 * @param filtered events the noise filters dropped (e.g. {@code Normal} Kubernetes events)
 * @param ignored events the source sends that carry no signal (eventrouter's {@code DELETED})
 */
public record Received(int number, Instant at, List<Signal> signals, int filtered, int ignored) {
  public Received {
    signals = List.copyOf(signals);
  }

  static Instant end(List<Received> lines) {
    return lines.isEmpty() ? null : lines.get(lines.size() - 1).at();
  }
}
