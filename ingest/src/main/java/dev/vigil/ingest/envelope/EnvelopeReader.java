package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Reads one envelope object (docs/design.md "Signal envelope") as a sender wrote it: from {@code
 * POST /v1/ingest/signals}, from a CloudEvent's {@code data}, or from a record a producer wrote to
 * {@code vigil.signals} directly. Only {@code resourceId} and {@code reason} are required; the rest
 * has defaults.
 */
public final class EnvelopeReader {
  public static final String DEFAULT_CODE = "Signal";
  public static final String DEFAULT_SOURCE = "envelope";

  private EnvelopeReader() {}

  /**
   * @param node the envelope object
   * @param path its JSON path in the request, for errors
   * @param resourceId the resource id when the container names it (a CloudEvent's subject), else
   *     null
   * @param fallbackTime {@code observedAt} when the envelope has none
   */
  public static SignalDraft read(
      JsonNode node, String path, String resourceId, Instant fallbackTime) {
    JsonInput.requireObject(node, path);
    String id = JsonInput.text(node, "id", path);
    String resource = resourceId != null ? resourceId : JsonInput.text(node, "resourceId", path);
    if (resource == null) {
      throw new InvalidSignalException(
          JsonInput.child(path, "resourceId"),
          JsonInput.child(path, "resourceId") + " is required: the resource the signal is about");
    }
    String type = JsonInput.text(node, "resourceType", path);
    String reason = JsonInput.requireText(node, "reason", path);
    String statusText = JsonInput.text(node, "status", path);
    SignalStatus status =
        statusText == null
            ? SignalStatus.FIRING
            : SignalStatus.parse(statusText)
                .orElseThrow(
                    () ->
                        new InvalidSignalException(
                            JsonInput.child(path, "status"),
                            JsonInput.child(path, "status")
                                + " must be firing or resolved, not '"
                                + statusText
                                + "'"));
    String code = JsonInput.text(node, "code", path);
    String source = JsonInput.text(node, "source", path);
    Instant observedAt = JsonInput.instant(node, "observedAt", path);
    return new SignalDraft(
        path,
        id,
        source == null ? DEFAULT_SOURCE : source,
        resource,
        type == null ? ResourceIds.inferType(resource) : type,
        JsonInput.text(node, "cluster", path),
        JsonInput.text(node, "namespace", path),
        JsonInput.text(node, "component", path),
        code == null ? DEFAULT_CODE : code,
        reason,
        null,
        JsonInput.text(node, "severity", path),
        status,
        JsonInput.bool(node, "critical", path),
        JsonInput.text(node, "message", path),
        JsonInput.stringMap(node, "labels", path),
        observedAt == null ? fallbackTime : observedAt);
  }
}
