package dev.vigil.backtest;

import dev.vigil.workflows.policy.Durations;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./vigil backtest --signals FILE [--policies P] [--compare Q] [-o text|json] [--skip-bad]
 * [--settle 1h] [--summary-only]}.
 *
 * @param signals the recorded stream (JSON lines)
 * @param policies the policies file; null: the services' default
 * @param compare a second policies file to replay the same stream with, or null
 * @param json {@code -o json}: one JSON document instead of the text report
 * @param skipBad count and skip bad lines instead of stopping at them
 * @param settle how long the virtual clock runs on after the last line, so verifications and
 *     recurrence windows that started near the end can finish
 * @param summaryOnly print the summary without the per-resource timelines (text only)
 */
public record BacktestOptions(
    Path signals,
    Path policies,
    Path compare,
    boolean json,
    boolean skipBad,
    Duration settle,
    boolean summaryOnly) {

  public static final Duration DEFAULT_SETTLE = Duration.ofHours(1);

  public static final String USAGE =
      """
      usage: ./vigil backtest --signals FILE [--policies P] [--compare Q] [-o text|json]
                              [--skip-bad] [--settle 1h] [--summary-only]
             ./vigil backtest generate [--signals 100000] [--resources 1000] [--days 7] [--seed 1] -o FILE

      Replays a recorded stream (JSON lines {"at": RFC 3339, "source": "alertmanager" |
      "eventrouter" | "signals", "body": ...}) through Vigil's receivers, normalization rules,
      resource fold and RemediationWorkflow in dry-run, with time skipping, and prints what it
      would have done.
        --signals FILE   the recorded stream (./vigil signals export writes one)
        --policies P     policies YAML (default: the services' default policies)
        --compare Q      replay the same stream with a second policies file and show both
        -o json          JSON for scripts (default: text)
        --skip-bad       count bad lines and go on (default: stop, naming each bad line)
        --settle D       run the clock on for D after the last line (default 1h)
        --summary-only   text: only the summary, no timelines
      Exit codes: 0 done, 2 bad usage or bad input lines, 1 anything else.
      """;

  public static BacktestOptions parse(String[] args) {
    Path signals = null;
    Path policies = null;
    Path compare = null;
    boolean json = false;
    boolean skipBad = false;
    boolean summaryOnly = false;
    Duration settle = DEFAULT_SETTLE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--signals" -> signals = Path.of(value(args, ++i, arg));
        case "--policies" -> policies = Path.of(value(args, ++i, arg));
        case "--compare" -> compare = Path.of(value(args, ++i, arg));
        case "-o", "--output" -> {
          String format = value(args, ++i, arg);
          if (!format.equals("json") && !format.equals("text")) {
            throw new UsageException("-o takes text or json, not '" + format + "'");
          }
          json = format.equals("json");
        }
        case "--skip-bad" -> skipBad = true;
        case "--summary-only" -> summaryOnly = true;
        case "--settle" -> settle = duration(value(args, ++i, arg), arg);
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    if (signals == null) {
      throw new UsageException("--signals FILE is required");
    }
    return new BacktestOptions(signals, policies, compare, json, skipBad, settle, summaryOnly);
  }

  public static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  public static Duration duration(String text, String option) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /** Bad command-line use: exit code 2 with the usage. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
