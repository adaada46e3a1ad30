package dev.vigil.backtest;

/**
 * A line of a recorded stream that cannot be replayed, and why.
 *
 * @param number 1-based line number
 * @param reason what is wrong, naming the field where one is at fault
 */
public record BadLine(int number, String reason) {

  /** {@code week.jsonl:17: body.alerts[0].startsAt is required}. */
  public String describe(String file) {
    return file + ":" + number + ": " + reason;
  }
}
