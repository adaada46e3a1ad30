package dev.vigil.faults.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Scenario 3: Temporal is killed and stays down while a fleet of pods turns unhealthy through
 * ingest's HTTP receiver; then it starts again (the test server keeps nothing in memory across a
 * restart: it comes back empty, with the search attributes registered, as a Helm job would). Ingest
 * must answer 202 all along (Kafka and PostgreSQL absorb the storm), its outbox must drain once
 * Temporal is back, and each resource must have exactly one workflow with one run.
 */
public final class TemporalDown implements Scenario {
  private static final int PER_REQUEST = 20;

  @Override
  public String name() {
    return "3 Temporal down";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) {
    Outcome outcome = new Outcome(name());
    int fleet = scale.fleet();
    String cluster = "s3-" + rig.run();
    String prefix = "k8s/" + cluster + "/faults/Pod/pod-";
    rig.temporal().kill();
    rig.log("%s: Temporal killed", name());
    long start = System.nanoTime();
    int requests = (fleet + PER_REQUEST - 1) / PER_REQUEST;
    long pause = scale.temporalDown().toMillis() / Math.max(1, requests);
    int accepted = 0;
    int serverErrors = 0;
    int ingestReadyDuringOutage = 0;
    Instant now = Instant.now();
    for (int request = 0; request < requests; request++) {
      ArrayNode batch = Payloads.JSON.createArrayNode();
      for (int i = request * PER_REQUEST; i < Math.min(fleet, (request + 1) * PER_REQUEST); i++) {
        batch.add(
            Payloads.envelope(
                rig.run() + "-s3-" + i,
                prefix + i,
                "k8s/Pod",
                "CrashLoopBackOff",
                "critical",
                "firing",
                now));
      }
      Http.Response r =
          rig.http()
              .postJson(
                  rig.ingest().baseUrl() + "/v1/ingest/signals",
                  rig.credentials().token("ingest:write"),
                  batch.toString());
      if (r.status() == 202) {
        accepted++;
      } else {
        serverErrors += r.status() >= 500 ? 1 : 0;
        outcome.fail("ingest answered " + r.status() + " while Temporal was down: " + r.body());
      }
      if (request == requests / 2 && rig.ingest().readiness().statusCode() == 200) {
        ingestReadyDuringOutage++;
      }
      Pause.millis(pause);
    }
    long remaining = scale.temporalDown().toMillis() - (System.nanoTime() - start) / 1_000_000;
    if (remaining > 0) {
      Pause.millis(remaining);
    }
    long pending =
        rig.store()
            .count(
                "select count(*) from outbox where delivered_at is null and aggregate_id like ?",
                prefix + "%");
    outcome.note("%d of %d outbox rows waiting at restart".formatted(pending, fleet));
    outcome.check(ingestReadyDuringOutage == 1, "ingest was not ready while Temporal was down");
    outcome.signalsSent(fleet);

    rig.temporal().start();
    rig.log("%s: Temporal back after %d s", name(), (System.nanoTime() - start) / 1_000_000_000);
    Duration converge =
        Pause.until(
            "the outbox to drain and one workflow per resource",
            Duration.ofMinutes(5),
            () ->
                rig.store()
                            .count(
                                "select count(*) from outbox where delivered_at is null"
                                    + " and aggregate_id like ?",
                                prefix + "%")
                        == 0
                    && rig.workflows().runs("remediation:" + prefix).size() == fleet);
    outcome.converge(converge);

    Map<String, Integer> runs = rig.workflows().runs("remediation:" + prefix);
    int maxRuns = runs.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    long transitions =
        rig.store()
            .count(
                "select count(*) from outbox where kind = 'observation' and aggregate_id like ?",
                prefix + "%");
    outcome.state(
        fleet,
        rig.store()
            .count(
                "select count(*) from resource_state where id like ? and health_state = 'Unhealthy'",
                prefix + "%"));
    outcome.check(
        runs.size() == fleet, "workflows: " + runs.size() + " for " + fleet + " resources");
    outcome.check(maxRuns == 1, "a resource has " + maxRuns + " workflow runs");
    outcome.check(
        transitions == fleet, transitions + " observation rows for " + fleet + " transitions");
    outcome.lost(fleet - runs.size());
    outcome.doubled(runs.values().stream().mapToInt(n -> n - 1).sum());
    outcome.http5xx(serverErrors);
    outcome.note(
        "%d/%d requests 202; %d workflows, max %d run each"
            .formatted(accepted, requests, runs.size(), maxRuns));
    // the api and the worker must be ready again
    rig.api().awaitReady(Duration.ofMinutes(1));
    rig.worker().awaitReady(Duration.ofMinutes(1));
    return outcome;
  }
}
