package dev.vigil.activities.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.store.contracts.Incident;
import dev.vigil.workflows.activity.IncidentStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Builds the {@code vigil.incidents} events: a CloudEvent 1.0 (structured JSON) whose data is a
 * CDEvents 0.4 incident event ({@code context} + {@code subject} of type {@code incident}, the
 * resource as {@code service}, the cluster as {@code environment}), with Vigil's own facts in
 * {@code customData}.
 */
@Singleton
public class IncidentEvents {
  public static final String CDEVENTS_SPEC_VERSION = "0.4.1";
  public static final String DETECTED = "dev.cdevents.incident.detected.0.2.0";
  public static final String REPORTED = "dev.cdevents.incident.reported.0.2.0";
  public static final String RESOLVED = "dev.cdevents.incident.resolved.0.2.0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IncidentConfig config;

  public IncidentEvents(IncidentConfig config) {
    this.config = config;
  }

  /**
   * The CDEvents type a status change emits: {@code open} is detected, {@code failed} and {@code
   * terminal} are reported (a human is paged), {@code resolved} and {@code cancelled} are resolved;
   * {@code mitigating} emits nothing.
   */
  public static Optional<String> typeOf(IncidentStatus status) {
    return switch (status) {
      case OPEN -> Optional.of(DETECTED);
      case FAILED, TERMINAL -> Optional.of(REPORTED);
      case RESOLVED, CANCELLED -> Optional.of(RESOLVED);
      case MITIGATING -> Optional.empty();
    };
  }

  /**
   * The complete CloudEvent as JSON text.
   *
   * @param eventId unique and stable per change (a retried call rebuilds the same id)
   * @param description one line: the incident's summary, or what resolved or escalated it
   */
  public String cloudEvent(
      String type,
      String eventId,
      Incident incident,
      IncidentStatus status,
      String phase,
      int attempts,
      String description,
      String actor,
      Instant at) {
    String time = DateTimeFormatter.ISO_INSTANT.format(at);

    ObjectNode data = JSON.createObjectNode();
    ObjectNode context = data.putObject("context");
    context.put("version", CDEVENTS_SPEC_VERSION);
    context.put("id", eventId);
    context.put("source", config.source());
    context.put("type", type);
    context.put("timestamp", time);
    ObjectNode subject = data.putObject("subject");
    subject.put("id", incident.id());
    subject.put("source", config.source());
    subject.put("type", "incident");
    ObjectNode content = subject.putObject("content");
    content.put("description", description);
    content.putObject("environment").put("id", incident.cluster());
    content.putObject("service").put("id", incident.resourceId());
    if (REPORTED.equals(type)) {
      content.put("ticketURI", config.ticketBaseUrl() + incident.id());
    }
    data.put("customDataContentType", "application/json");
    ObjectNode custom = data.putObject("customData");
    custom.put("status", status.wire());
    custom.put("phase", phase);
    custom.put("attempts", attempts);
    custom.put("resourceId", incident.resourceId());
    custom.put("resourceType", incident.resourceType());
    custom.put("workflowId", incident.workflowId());
    custom.put("policy", incident.policy());
    custom.put("severity", incident.severity());
    custom.put("summary", incident.summary());
    custom.put("actor", actor);
    custom.put("dryRun", incident.dryRun());

    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", eventId);
    event.put("source", config.source());
    event.put("type", type);
    event.put("subject", incident.id());
    event.put("time", time);
    event.put("datacontenttype", "application/json");
    event.set("data", data);
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize incident event " + eventId, e);
    }
  }
}
