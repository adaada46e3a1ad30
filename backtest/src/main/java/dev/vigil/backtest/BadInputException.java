package dev.vigil.backtest;

import java.util.List;

/** The recorded stream has lines that cannot be replayed and {@code --skip-bad} was not given. */
public class BadInputException extends RuntimeException {
  /** Bad lines named in the message; the rest are counted. */
  static final int SHOWN = 20;

  private final List<BadLine> lines;

  public BadInputException(String file, List<BadLine> lines) {
    super(message(file, lines));
    this.lines = List.copyOf(lines);
  }

  public List<BadLine> lines() {
    return lines;
  }

  private static String message(String file, List<BadLine> lines) {
    StringBuilder text = new StringBuilder();
    lines.stream().limit(SHOWN).forEach(line -> text.append(line.describe(file)).append('\n'));
    if (lines.size() > SHOWN) {
      text.append("... and ").append(lines.size() - SHOWN).append(" more\n");
    }
    text.append(lines.size())
        .append(lines.size() == 1 ? " bad line" : " bad lines")
        .append(" in ")
        .append(file)
        .append(": fix ")
        .append(lines.size() == 1 ? "it" : "them")
        .append(", or pass --skip-bad to count and skip them");
    return text.toString();
  }
}
