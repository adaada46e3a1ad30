package dev.vigil.faults.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.AlertmanagerProcess;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Scenario 5: the Kafka broker dies while a real Alertmanager sends its alerts to ingest. Ingest
 * cannot accept what it cannot make durable: it answers 503 with {@code Retry-After} and a problem
 * detail; Alertmanager keeps the alerts and sends them again; once the broker is back, every alert
 * is in the state store, counted once.
 */
public final class KafkaDown implements Scenario {
  @Override
  public String name() {
    return "5 Kafka stopped";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) throws Exception {
    Outcome outcome = new Outcome(name());
    int alerts = scale.alerts();
    String prefix = "faults/s5-" + rig.run() + "/host-";
    try (AlertmanagerProcess alertmanager =
        AlertmanagerProcess.start(
            rig.options().workDir().resolve("alertmanager-s5"),
            rig.ingest().baseUrl() + "/v1/ingest/alertmanager",
            rig.credentials().token("ingest:write"),
            Duration.ofSeconds(2))) {
      rig.kafka().kill();
      rig.log("%s: Kafka killed", name());
      Pause.until(
          "ingest readiness naming Kafka as down",
          Duration.ofSeconds(30),
          () -> {
            var r = rig.ingest().readiness();
            return r.statusCode() == 503 && r.body().contains("\"kafka\"");
          });

      // what a sender sees: 503, Retry-After, a problem detail
      Http.Response refused =
          rig.http()
              .postJson(
                  rig.ingest().baseUrl() + "/v1/ingest/alertmanager",
                  rig.credentials().token("ingest:write"),
                  Payloads.alertmanagerWebhook(
                          Map.of(
                              "alertname",
                              "Probe",
                              "resource_id",
                              prefix + "probe",
                              "severity",
                              "warning"),
                          "firing",
                          Instant.now())
                      .toString());
      outcome.check(
          refused.status() == 503, "ingest answered " + refused.status() + " without Kafka");
      outcome.check(refused.header("Retry-After") != null, "no Retry-After on the 503");
      outcome.check(
          String.valueOf(refused.header("Content-Type")).startsWith("application/problem+json"),
          "the 503 is not a problem detail: " + refused.header("Content-Type"));
      outcome.note(
          "503 in %d ms, Retry-After %s"
              .formatted(refused.millis(), refused.header("Retry-After")));

      ArrayNode batch = Payloads.JSON.createArrayNode();
      Instant startsAt = Instant.now().minusSeconds(30);
      for (int i = 0; i < alerts; i++) {
        batch.add(
            Payloads.prometheusAlert(
                Map.of(
                    "alertname", "FaultsKafkaDown",
                    "resource_id", prefix + i,
                    "resource_type", "faults/host",
                    "reason", "BrokerGone",
                    "severity", "warning"),
                startsAt));
      }
      int posted = alertmanager.postAlerts(batch.toString());
      outcome.check(posted == 200, "Alertmanager refused the alerts: " + posted);
      outcome.signalsSent(alerts);
      Pause.of(scale.kafkaDown());
      outcome.check(
          rig.store().count("select count(*) from resource_state where id like ?", prefix + "%")
              == 0,
          "state changed while Kafka was down");
      rig.kafka().start();
      rig.log("%s: Kafka back", name());

      Duration converge =
          Pause.until(
              "every alert in the state store",
              Duration.ofMinutes(3),
              () ->
                  rig.store()
                          .count(
                              "select count(*) from resource_state where id like ? and id <> ?",
                              prefix + "%",
                              prefix + "probe")
                      == alerts);
      outcome.converge(converge);
      long found =
          rig.store()
              .count(
                  "select count(*) from resource_state where id like ? and id <> ?",
                  prefix + "%",
                  prefix + "probe");
      outcome.state(alerts, found);
      long doubled = 0;
      for (Map<String, Object> row :
          rig.store()
              .rows(
                  "select active_signals::text as s from resource_state where id like ? and id <> ?",
                  prefix + "%",
                  prefix + "probe")) {
        long count =
            Payloads.countsByReason(row.get("s")).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        doubled += Math.max(0, count - 1);
      }
      outcome.lost(alerts - found);
      outcome.doubled(doubled);
      outcome.http5xx(0);
      rig.ingest().awaitReady(Duration.ofMinutes(1));
      JsonNode ready = Payloads.JSON.readTree(rig.ingest().readiness().body());
      outcome.check(
          "UP".equals(ready.path("details").path("kafka").path("status").asText()),
          "ingest readiness does not show Kafka up again");
    }
    return outcome;
  }
}
