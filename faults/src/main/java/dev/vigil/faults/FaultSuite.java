package dev.vigil.faults;

import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.scenario.AuthorizationMatrix;
import dev.vigil.faults.scenario.HostileInput;
import dev.vigil.faults.scenario.IngestInstanceKilled;
import dev.vigil.faults.scenario.IngestKilledMidBatch;
import dev.vigil.faults.scenario.KafkaDown;
import dev.vigil.faults.scenario.PostgresDown;
import dev.vigil.faults.scenario.TemporalDown;
import dev.vigil.faults.scenario.WorkerKilledMidAction;
import dev.vigil.faults.scenario.WorkerPartitioned;
import java.util.List;

/** The scenarios, in the order {@code ./vigil faults} runs them. */
public final class FaultSuite {
  private FaultSuite() {}

  public static List<Scenario> all() {
    return List.of(
        new WorkerKilledMidAction(),
        new IngestKilledMidBatch(),
        new TemporalDown(),
        new PostgresDown(),
        new KafkaDown(),
        new WorkerPartitioned(),
        new HostileInput(),
        new AuthorizationMatrix(),
        new IngestInstanceKilled());
  }

  /** Runs one scenario; an exception is a failed outcome, not an aborted suite. */
  public static Outcome run(Scenario scenario, Rig rig, Scale scale) {
    rig.log("=== %s", scenario.name());
    long start = System.nanoTime();
    Outcome outcome;
    try {
      rig.restoreServices();
      outcome = scenario.run(rig, scale);
    } catch (Exception | AssertionError e) {
      outcome = new Outcome(scenario.name()).fail("aborted: " + e);
      e.printStackTrace(rig.options().log());
    }
    rig.log(
        "=== %s: %s in %d s %s",
        scenario.name(),
        outcome.passed() ? "ok" : "FAILED",
        (System.nanoTime() - start) / 1_000_000_000,
        outcome.violations());
    return outcome;
  }
}
