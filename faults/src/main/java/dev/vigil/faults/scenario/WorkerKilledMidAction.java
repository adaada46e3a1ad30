package dev.vigil.faults.scenario;

import dev.vigil.faults.Scale;
import dev.vigil.faults.rig.Rig;
import java.time.Duration;

/**
 * Scenario 1: the worker running {@code docker.scale} is killed with SIGKILL while the new replica
 * is not ready yet, and a new worker starts. Temporal notices the dead worker by its missing
 * heartbeats and retries the action on the new one, which adopts the replica the dead one created.
 */
public final class WorkerKilledMidAction extends ScaleUnderFault {
  @Override
  public String name() {
    return "1 worker kill -9 mid-action";
  }

  @Override
  String service(Rig rig) {
    return "s1-" + rig.run();
  }

  @Override
  String fault(Rig rig, Scale scale) {
    long old = rig.worker().pid();
    rig.worker().kill9();
    rig.worker().start();
    Duration ready = rig.worker().awaitReady(Duration.ofMinutes(2));
    return "worker pid "
        + old
        + " killed, new pid "
        + rig.worker().pid()
        + " ready in "
        + ready.toSeconds()
        + " s";
  }
}
