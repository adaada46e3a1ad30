package dev.vigil.launcher.demo;

import java.time.Instant;

/** Alertmanager (webhook version 4) payloads of the EventPulse scenario. */
final class Alerts {
  private Alerts() {}

  /**
   * One alert for a docker service.
   *
   * @param endsAt null while firing
   */
  static String alert(
      String alertname,
      String service,
      String severity,
      boolean firing,
      String fingerprint,
      Instant startsAt,
      Instant endsAt,
      String summary) {
    String status = firing ? "firing" : "resolved";
    return """
        {"version":"4","status":"%s","receiver":"vigil","groupKey":"{}:{alertname=\\"%s\\"}",
         "groupLabels":{"alertname":"%s"},"commonLabels":{"alertname":"%s","docker_service":"%s"},
         "alerts":[{"status":"%s",
           "labels":{"alertname":"%s","docker_service":"%s","severity":"%s"},
           "annotations":{"summary":"%s"},
           "startsAt":"%s","endsAt":"%s","fingerprint":"%s"}]}
        """
        .formatted(
            status,
            alertname,
            alertname,
            alertname,
            service,
            status,
            alertname,
            service,
            severity,
            summary,
            startsAt,
            endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString(),
            fingerprint);
  }
}
