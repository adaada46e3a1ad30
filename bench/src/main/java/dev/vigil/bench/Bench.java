package dev.vigil.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr (the table goes to stdout). */
final class Bench {
  private Bench() {}

  static void log(String format, Object... args) {
    System.err.println(
        "[bench "
            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + format.formatted(args));
  }
}
