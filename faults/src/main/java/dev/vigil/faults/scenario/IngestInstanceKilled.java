package dev.vigil.faults.scenario;

import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.rig.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Scenario 9: two ingest instances share the partitions of the signals topic (one consumer group);
 * one is killed with SIGKILL mid-stream. The survivor takes its partitions, starts each where the
 * state stored with it ends, and the result equals a single instance's: every resource's counts
 * exactly as produced, no event lost, none applied twice.
 */
public final class IngestInstanceKilled implements Scenario {
  @Override
  public String name() {
    return "9 ingest instance killed";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) {
    Outcome outcome = new Outcome(name());
    ServiceProcess peer = rig.ingestPeer();
    peer.start();
    peer.awaitReady(Duration.ofMinutes(2));
    // both instances own partitions once the group has rebalanced
    Pause.until(
        "the two instances to split the partitions",
        Duration.ofMinutes(1),
        () -> Progress.instancesOwningPartitions(rig) == 2);

    int events = scale.ingestEvents();
    int resources = scale.ingestResources();
    String prefix = "faults/s9-" + rig.run() + "/host-";
    Instant base = Instant.now().minus(Duration.ofHours(1));
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < events; i++) {
      expected.merge(prefix + (i % resources), 1L, Long::sum);
    }
    long killedPid = peer.pid();
    MidStreamKill.run(
        rig,
        outcome,
        events,
        i ->
            MidStreamKill.firing(
                rig.run() + "-s9-" + i, prefix + (i % resources), "Load", base.plusMillis(i)),
        peer::kill9);
    outcome.note("instance pid %d killed; the survivor takes its partitions".formatted(killedPid));
    long end = Progress.end(rig, Progress.SIGNALS);

    Duration converge =
        Pause.until(
            "the survivor to apply everything",
            Duration.ofMinutes(5),
            () -> MidStreamKill.stored(rig) >= end && applied(rig, prefix) >= events);
    outcome.converge(converge);
    Map<String, Long> found = new HashMap<>();
    for (Map<String, Object> row :
        rig.store()
            .rows(
                "select id, active_signals::text as s from resource_state where id like ?",
                prefix + "%")) {
      found.put(
          (String) row.get("id"),
          Payloads.countsByReason(row.get("s")).values().stream().mapToLong(Long::longValue).sum());
    }
    long lost = 0;
    long doubled = 0;
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      long got = found.getOrDefault(e.getKey(), 0L);
      lost += Math.max(0, e.getValue() - got);
      doubled += Math.max(0, got - e.getValue());
    }
    outcome.state(resources, found.size());
    outcome.lost(lost);
    outcome.doubled(doubled);
    outcome.http5xx(0);
    outcome.check(rig.ingest().isAlive(), "the surviving instance died");
    return outcome;
  }

  private static long applied(Rig rig, String prefix) {
    return rig
        .store()
        .rows("select active_signals::text as s from resource_state where id like ?", prefix + "%")
        .stream()
        .mapToLong(
            row ->
                Payloads.countsByReason(row.get("s")).values().stream()
                    .mapToLong(Long::longValue)
                    .sum())
        .sum();
  }
}
