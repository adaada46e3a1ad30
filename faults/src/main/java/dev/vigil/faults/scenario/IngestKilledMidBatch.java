package dev.vigil.faults.scenario;

import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: ingest is killed with SIGKILL while its consumer is in the middle of the stream (a
 * batch's transaction open, offsets of earlier batches committed, later ones not), then started
 * again. Every event has its own id and counts once: resource {@code r} of {@code R} gets events
 * {@code r, r+R, r+2R, ...}, alternating two reasons, so each active signal's {@code count} in a
 * fault-free run is exactly {@code N / 2R}. Anything else is a lost or doubled event.
 */
public final class IngestKilledMidBatch implements Scenario {
  @Override
  public String name() {
    return "2 ingest kill -9 mid-batch";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) {
    Outcome outcome = new Outcome(name());
    int events = scale.ingestEvents();
    int resources = scale.ingestResources();
    String prefix = "faults/s2-" + rig.run() + "/host-";
    Instant base = Instant.now().minus(Duration.ofHours(1));
    // Killed once ingest has stored its first batch: later batches are in flight.
    MidStreamKill.run(
        rig,
        outcome,
        events,
        i ->
            MidStreamKill.firing(
                rig.run() + "-s2-" + i,
                prefix + (i % resources),
                (i / resources) % 2 == 0 ? "LoadA" : "LoadB",
                base.plusMillis(i)),
        () -> rig.ingest().kill9());
    long end = Progress.end(rig, Progress.SIGNALS);
    rig.ingest().start();
    rig.ingest().awaitReady(Duration.ofMinutes(2));

    Map<String, Long> expected = new HashMap<>();
    for (int r = 0; r < resources; r++) {
      for (String reason : List.of("LoadA", "LoadB")) {
        expected.put(prefix + r + "|" + reason, 0L);
      }
    }
    for (int i = 0; i < events; i++) {
      String reason = (i / resources) % 2 == 0 ? "LoadA" : "LoadB";
      expected.merge(prefix + (i % resources) + "|" + reason, 1L, Long::sum);
    }
    Duration converge =
        Pause.until(
            "every event committed and applied",
            Duration.ofMinutes(5),
            () ->
                Progress.committed(rig, Progress.SIGNALS) >= end && applied(rig, prefix) >= events);
    outcome.converge(converge);

    Map<String, Long> found = counts(rig, prefix);
    long lost = 0;
    long doubled = 0;
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      long got = found.getOrDefault(e.getKey(), 0L);
      lost += Math.max(0, e.getValue() - got);
      doubled += Math.max(0, got - e.getValue());
    }
    outcome.state(
        resources,
        rig.store().count("select count(*) from resource_state where id like ?", prefix + "%"));
    outcome.lost(lost);
    outcome.doubled(doubled);
    outcome.http5xx(0);
    outcome.note("ingest started " + rig.ingest().starts() + " times");
    return outcome;
  }

  private static long applied(Rig rig, String prefix) {
    return counts(rig, prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code count} per resource and reason. */
  private static Map<String, Long> counts(Rig rig, String prefix) {
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row :
        rig.store()
            .rows(
                "select id, active_signals::text as s from resource_state where id like ?",
                prefix + "%")) {
      Payloads.countsByReason(row.get("s"))
          .forEach((reason, n) -> counts.put(row.get("id") + "|" + reason, n));
    }
    return counts;
  }
}
