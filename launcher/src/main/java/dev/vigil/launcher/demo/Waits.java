package dev.vigil.launcher.demo;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling with a deadline, for the demos (which run outside tests, without Awaitility). */
public final class Waits {
  private static final Duration POLL = Duration.ofMillis(250);

  private Waits() {}

  /**
   * Returns once {@code condition} holds; throws naming {@code what} (and the last error the
   * condition threw) when it does not within {@code timeout}.
   */
  public static void until(String what, Duration timeout, Supplier<Boolean> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      Thread.sleep(POLL);
    }
    throw new IllegalStateException(
        "demo: no '" + what + "' within " + timeout + (last == null ? "" : ": " + last), last);
  }
}
