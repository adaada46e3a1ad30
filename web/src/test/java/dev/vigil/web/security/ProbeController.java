package dev.vigil.web.security;

import dev.vigil.web.audit.AuditLog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** Endpoints shaped like the API's and ingest's, to exercise the shared rules. */
@Controller
@Requires(property = "spec.name", value = "web-security")
class ProbeController {
  private final AuditLog auditLog;

  ProbeController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Get("/v1/resources")
  Map<String, String> read(HttpRequest<?> request) {
    return Map.of("caller", AuditLog.actorOf(request));
  }

  @Post("/v1/resources/{id}/mitigation/cancel")
  HttpResponse<Map<String, String>> cancel(
      HttpRequest<?> request, @PathVariable String id, @Body Map<String, String> body) {
    auditLog.record(request, "mitigation.cancel", id, body, "accepted", 202);
    return HttpResponse.accepted().body(Map.of("caller", AuditLog.actorOf(request), "id", id));
  }

  @Post("/v1/ingest/alertmanager")
  HttpResponse<Void> ingest() {
    return HttpResponse.accepted();
  }

  @Get("/health/liveness")
  Map<String, String> health() {
    return Map.of("status", "UP");
  }

  @Get("/internal/unmapped")
  Map<String, String> unmapped() {
    return Map.of("status", "should never be reachable");
  }
}
