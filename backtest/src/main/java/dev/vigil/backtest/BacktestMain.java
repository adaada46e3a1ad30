package dev.vigil.backtest;

import dev.vigil.backtest.BacktestOptions.UsageException;
import dev.vigil.workflows.policy.PolicyException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code ./vigil backtest}: replays a recorded stream with one or two policy files and prints what
 * Vigil would have done ({@link BacktestOptions#USAGE}); {@code ./vigil backtest generate} writes a
 * synthetic stream ({@link StreamGenerator}).
 */
public final class BacktestMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  private BacktestMain() {}

  /** Its own logging set-up: other modules on the classpath bring their services' logback.xml. */
  static final String LOGBACK = "vigil-backtest-logback.xml";

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK);
    }
    System.exit(run(args, Engine::start, System.out, System.err, true));
  }

  /**
   * Runs the command; {@code engine} is called only once the arguments and policies are good, and
   * closed at the end when {@code closeEngine} (tests share one).
   */
  static int run(
      String[] args,
      Supplier<Engine> engine,
      PrintStream out,
      PrintStream err,
      boolean closeEngine) {
    if (args.length > 0 && args[0].equals("generate")) {
      return StreamGenerator.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(BacktestOptions.USAGE);
      return OK;
    }
    BacktestOptions options;
    List<PolicySet> policySets = new ArrayList<>();
    try {
      options = BacktestOptions.parse(args);
      policySets.add(
          options.policies() == null ? PolicySet.defaults() : PolicySet.load(options.policies()));
      if (options.compare() != null) {
        policySets.add(PolicySet.load(options.compare()));
      }
    } catch (UsageException e) {
      err.println("vigil backtest: " + e.getMessage());
      err.print(BacktestOptions.USAGE);
      return BAD_INPUT;
    } catch (PolicyException | UncheckedIOException e) {
      err.println("vigil backtest: " + e.getMessage());
      return BAD_INPUT;
    }
    if (!options.signals().toFile().isFile()) {
      err.println("vigil backtest: no such file: " + options.signals());
      return BAD_INPUT;
    }
    Engine started = engine.get();
    try {
      return backtest(options, policySets, started, out, err);
    } finally {
      if (closeEngine) {
        started.close();
      }
    }
  }

  /** The backtest itself, on an engine the caller owns (tests share one). */
  static int backtest(
      BacktestOptions options,
      List<PolicySet> policySets,
      Engine engine,
      PrintStream out,
      PrintStream err) {
    Recording recording;
    try {
      recording = Backtest.read(engine, options.signals(), options.skipBad());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    if (!recording.bad().isEmpty()) {
      err.println(
          "vigil backtest: skipped "
              + recording.bad().size()
              + " bad line(s) of "
              + recording.file()
              + " (--skip-bad); the first: "
              + recording.bad().get(0).describe(recording.file()));
    }
    List<Report> reports = Backtest.run(engine, recording, policySets, options.settle());
    Comparison comparison =
        reports.size() == 2 ? Comparison.of(reports.get(0), reports.get(1)) : null;
    if (options.json()) {
      JsonReport.write(reports, comparison, out);
    } else {
      for (Report report : reports) {
        TextReport.print(report, !options.summaryOnly(), out);
        out.println();
      }
      if (comparison != null) {
        comparison.print(out);
      }
    }
    out.flush();
    return OK;
  }
}
