package dev.vigil.ingest.signals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.envelope.EnvelopeReader;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.JsonInput;
import dev.vigil.ingest.envelope.SignalDraft;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads a CloudEvent 1.0 in structured mode whose {@code data} is an envelope: {@code subject} (or
 * {@code data.resourceId}) is the resource, {@code time} the observation time. The envelope id is
 * {@code <source>#<id>}: the CloudEvents spec makes only source + id unique.
 */
final class CloudEvents {
  static final String STRUCTURED = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";
  static final String SOURCE = "cloudevents";

  private CloudEvents() {}

  static boolean looksLikeCloudEvent(JsonNode node) {
    return node != null && node.isObject() && node.has("specversion");
  }

  static SignalDraft read(JsonNode event, String path, Instant now) {
    JsonInput.requireObject(event, path);
    String specversion = JsonInput.requireText(event, "specversion", path);
    if (!specversion.equals("1.0")) {
      throw new InvalidSignalException(
          JsonInput.child(path, "specversion"),
          JsonInput.child(path, "specversion") + " must be \"1.0\", not '" + specversion + "'");
    }
    String id = JsonInput.requireText(event, "id", path);
    String source = JsonInput.requireText(event, "source", path);
    JsonInput.requireText(event, "type", path);
    String contentType = JsonInput.text(event, "datacontenttype", path);
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new InvalidSignalException(
          JsonInput.child(path, "datacontenttype"),
          JsonInput.child(path, "datacontenttype")
              + " must be a JSON type: data carries the signal envelope");
    }
    if (event.has("data_base64")) {
      throw new InvalidSignalException(
          JsonInput.child(path, "data_base64"),
          "data_base64 is not supported: send the envelope as JSON in data");
    }
    String subject = JsonInput.text(event, "subject", path);
    Instant time = JsonInput.instant(event, "time", path);
    String dataPath = JsonInput.child(path, "data");
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) {
      throw new InvalidSignalException(
          dataPath, dataPath + " is required: the signal envelope (reason, severity, status, ...)");
    }
    if (subject == null && data.isObject() && data.get("resourceId") == null) {
      throw new InvalidSignalException(
          JsonInput.child(path, "subject"),
          JsonInput.child(path, "subject") + " (or data.resourceId) is required: the resource");
    }
    SignalDraft envelope = EnvelopeReader.read(data, dataPath, subject, time == null ? now : time);
    return new SignalDraft(
        path,
        source + "#" + id,
        SOURCE,
        envelope.resourceId(),
        envelope.resourceType(),
        envelope.cluster(),
        envelope.namespace(),
        envelope.component(),
        envelope.code(),
        envelope.reason(),
        envelope.eventType(),
        envelope.rawSeverity(),
        envelope.status(),
        envelope.critical(),
        envelope.message(),
        envelope.labels(),
        time != null ? time : envelope.observedAt());
  }
}
