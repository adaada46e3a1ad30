package dev.vigil.faults.scenario;

import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.rig.SlowService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A repair whose {@code docker.scale} is hit by a fault while it waits for the new replica to
 * become ready (scenarios 1 and 6). The whole pipeline runs: a HighCPU alert posted to ingest's
 * Alertmanager receiver, Kafka, the state store, the outbox relay, Temporal, the worker, the real
 * Docker daemon. Afterwards the service must have exactly the desired replicas, Docker must have
 * created exactly one container, the action journal must hold one execution that succeeded, and the
 * incident's timeline no entry twice.
 */
abstract class ScaleUnderFault implements Scenario {
  private static final Duration READY_AFTER = Duration.ofSeconds(12);
  private static final Duration CONVERGE = Duration.ofMinutes(3);

  /**
   * Injects the fault while replica 2 exists and is not ready yet; returns a note for the table.
   */
  abstract String fault(Rig rig, Scale scale);

  /** The service's name: short, unique per run. */
  abstract String service(Rig rig);

  @Override
  public Outcome run(Rig rig, Scale scale) {
    Outcome outcome = new Outcome(name());
    String name = service(rig);
    String resourceId = "docker/service/" + name;
    String workflowId = "remediation:" + resourceId;
    SlowService service = SlowService.start(name, rig.run(), READY_AFTER);
    long errorsBefore = rig.http().serverErrors();
    try {
      Map<String, String> labels =
          Map.of("alertname", "HighCPU", "docker_service", name, "severity", "critical");
      Instant startsAt = Instant.now().minusSeconds(5);
      Http.Response accepted =
          rig.http()
              .postJson(
                  rig.ingest().baseUrl() + "/v1/ingest/alertmanager",
                  rig.credentials().token("ingest:write"),
                  Payloads.alertmanagerWebhook(labels, "firing", startsAt).toString());
      outcome.check(accepted.status() == 202, "alert answered " + accepted.status());
      outcome.signalsSent(1);

      Pause.until(
          "docker.scale creating replica " + name + "-2",
          Duration.ofMinutes(2),
          () -> service.all().size() == 2);
      rig.log("%s: replica 2 exists, not ready yet; injecting the fault", name());
      outcome.note(fault(rig, scale));

      Duration converge =
          Pause.until(
              "the scale-up to finish after the fault",
              CONVERGE,
              () ->
                  service.running().size() == 2
                      && rig.store()
                              .count(
                                  "select count(*) from action_execution where workflow_id = ?"
                                      + " and kind = 'ACTION' and outcome in ('SUCCEEDED', 'UNCHANGED')",
                                  workflowId)
                          == 1);
      outcome.converge(converge);

      List<Map<String, Object>> journal =
          rig.store()
              .rows(
                  "select action, outcome, tries from action_execution where workflow_id = ?"
                      + " and kind = 'ACTION'",
                  workflowId);
      long effective =
          journal.stream()
              .filter(r -> List.of("SUCCEEDED", "UNCHANGED").contains(r.get("outcome")))
              .count();
      outcome.actions(1, effective, service.creates());
      outcome.check(journal.size() == 1, "journal rows: " + journal);
      outcome.note("journal " + journal);
      outcome.check(service.running().size() == 2, "running replicas: " + service.running().size());
      outcome.state(
          1, rig.store().count("select count(*) from resource_state where id = ?", resourceId));

      List<Map<String, Object>> doubled =
          rig.store()
              .rows(
                  "select e.kind, e.message, count(*) as n from incident_event e"
                      + " join incident i on i.id = e.incident_id where i.resource_id = ?"
                      + " group by e.kind, e.message, e.details::text having count(*) > 1",
                  resourceId);
      outcome.doubled(doubled.size());
      outcome.check(doubled.isEmpty(), "timeline entries twice: " + doubled);
      outcome.lost(0);

      // resolve the alert so the repair ends (recovered, then healthy after its window)
      rig.http()
          .postJson(
              rig.ingest().baseUrl() + "/v1/ingest/alertmanager",
              rig.credentials().token("ingest:write"),
              Payloads.alertmanagerWebhook(labels, "resolved", startsAt).toString());
      outcome.http5xx(rig.http().serverErrors() - errorsBefore);
      return outcome;
    } finally {
      service.remove();
    }
  }
}
