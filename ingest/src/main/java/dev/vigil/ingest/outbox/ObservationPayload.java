package dev.vigil.ingest.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * Payload of an {@code observation} outbox row (the cross-module data contract): the resource, the
 * observation for the workflow's {@code observe} signal, the health before, and the policy snapshot
 * to start with (null when no policy matches). Serialized with Temporal's own Jackson settings.
 */
public record ObservationPayload(
    ResourceRef resource,
    HealthObservation observation,
    HealthState previousHealth,
    Policy policy) {

  public static final String EVENT_TYPE = "health.transition";
  private static final ObjectMapper MAPPER = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize observation of " + resource.id(), e);
    }
  }

  public static ObservationPayload fromJson(String json) {
    try {
      return MAPPER.readValue(json, ObservationPayload.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable observation payload: " + e.getMessage(), e);
    }
  }
}
