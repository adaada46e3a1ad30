package dev.vigil.faults.scenario;

import dev.vigil.faults.Scale;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;

/**
 * Scenario 6: the network between the worker and Temporal is cut while {@code docker.scale} waits
 * for readiness (no byte crosses in either direction), then restored. The action keeps running in
 * the worker; its heartbeats and completion cannot reach Temporal, which may time the attempt out
 * and retry it; whatever happens, the replica is created once.
 */
public final class WorkerPartitioned extends ScaleUnderFault {
  @Override
  public String name() {
    return "6 worker/Temporal partition";
  }

  @Override
  String service(Rig rig) {
    return "s6-" + rig.run();
  }

  @Override
  String fault(Rig rig, Scale scale) {
    long pid = rig.worker().pid();
    rig.workerToTemporal().partition();
    Pause.of(scale.partition());
    rig.workerToTemporal().heal();
    if (rig.worker().pid() != pid || !rig.worker().isAlive()) {
      throw new IllegalStateException("the worker restarted during the partition");
    }
    return "partitioned " + scale.partition().toSeconds() + " s";
  }
}
