package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

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
    // read and checked in this order, so an envelope with several faults names the same first one
    String id = JsonInput.text(node, "id", path);
    String resource =
        requireResource(
            path, resourceId != null ? resourceId : JsonInput.text(node, "resourceId", path));
    String type = JsonInput.text(node, "resourceType", path);
    String reason = JsonInput.requireText(node, "reason", path);
    String statusText = JsonInput.text(node, "status", path);
    status(path, statusText);
    String code = JsonInput.text(node, "code", path);
    String source = JsonInput.text(node, "source", path);
    Instant observedAt = JsonInput.instant(node, "observedAt", path);
    return draft(
        path,
        id,
        resource,
        type,
        reason,
        statusText,
        code,
        source,
        observedAt,
        JsonInput.text(node, "cluster", path),
        JsonInput.text(node, "namespace", path),
        JsonInput.text(node, "component", path),
        JsonInput.text(node, "severity", path),
        JsonInput.bool(node, "critical", path),
        JsonInput.text(node, "message", path),
        JsonInput.stringMap(node, "labels", path),
        fallbackTime);
  }

  /**
   * A record a producer wrote to the signals topic: one envelope, {@code timestamp} its {@code
   * observedAt} when it has none. The common envelope (string fields, an object of string labels, a
   * timestamp in the common RFC 3339 shape) is read in one pass of the streaming parser ({@link
   * EnvelopeStream}); anything else goes through the tree, which accepts or rejects it with the
   * field at fault, exactly as before.
   */
  public static SignalDraft readRecord(byte[] value, Instant timestamp) {
    SignalDraft fast = EnvelopeStream.read(value, timestamp);
    return fast != null ? fast : read(JsonInput.parse(value), "", null, timestamp);
  }

  /** The draft of an envelope's values (null = absent or blank): required fields, defaults. */
  static SignalDraft draft(
      String path,
      String id,
      String resource,
      String type,
      String reason,
      String statusText,
      String code,
      String source,
      Instant observedAt,
      String cluster,
      String namespace,
      String component,
      String severity,
      Boolean critical,
      String message,
      Map<String, String> labels,
      Instant fallbackTime) {
    requireResource(path, resource);
    if (reason == null) {
      throw new InvalidSignalException(
          JsonInput.child(path, "reason"), JsonInput.child(path, "reason") + " is required");
    }
    SignalStatus status = status(path, statusText);
    return new SignalDraft(
        path,
        id,
        source == null ? DEFAULT_SOURCE : source,
        resource,
        type == null ? ResourceIds.inferType(resource) : type,
        cluster,
        namespace,
        component,
        code == null ? DEFAULT_CODE : code,
        reason,
        null,
        severity,
        status,
        critical,
        message,
        labels,
        observedAt == null ? fallbackTime : observedAt);
  }

  private static String requireResource(String path, String resource) {
    if (resource == null) {
      throw new InvalidSignalException(
          JsonInput.child(path, "resourceId"),
          JsonInput.child(path, "resourceId") + " is required: the resource the signal is about");
    }
    return resource;
  }

  private static SignalStatus status(String path, String statusText) {
    return statusText == null
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
  }
}
