package dev.vigil.backtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A backtest: read and check the recorded stream once, then replay it with each policy file on the
 * shared {@link Engine}.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * Reads the stream with ingest's receivers and rules.
   *
   * @throws BadInputException when a line is bad and {@code skipBad} is false
   */
  public static Recording read(Engine engine, Path signals, boolean skipBad) {
    Recording recording = Recording.read(signals, new Receivers(engine.normalizer()));
    if (!recording.bad().isEmpty() && !skipBad) {
      throw new BadInputException(signals.toString(), recording.bad());
    }
    return recording;
  }

  /** One report per policy set, in the order given. */
  public static List<Report> run(
      Engine engine, Recording recording, List<PolicySet> policySets, Duration settle) {
    List<Report> reports = new ArrayList<>();
    for (PolicySet policies : policySets) {
      reports.add(new Replay(engine, recording, policies, settle).run());
    }
    return reports;
  }
}
