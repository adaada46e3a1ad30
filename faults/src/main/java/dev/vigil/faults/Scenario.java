package dev.vigil.faults;

import dev.vigil.faults.rig.Rig;

/** One fault injected into a running rig, and the invariant it must leave intact. */
public interface Scenario {
  /** Short name for the table ("1 worker kill -9 mid-action"). */
  String name();

  /**
   * Injects the fault, waits for the system to converge and checks the invariants. Leaves the rig
   * whole (every process it stopped is running again) for the next scenario.
   */
  Outcome run(Rig rig, Scale scale) throws Exception;
}
