package dev.vigil.faults.rig;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in the harness: fixed pauses (a fault's duration) and polls with a deadline. */
public final class Pause {
  private Pause() {}

  public static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public static void of(Duration duration) {
    millis(duration.toMillis());
  }

  /**
   * Polls {@code condition} every 100 ms until it holds; returns how long that took, or throws with
   * {@code what} once {@code timeout} has passed.
   */
  public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last = null;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gave up after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + (last == null ? "" : " (last error: " + last + ")"),
            last);
      }
      millis(100);
    }
  }
}
