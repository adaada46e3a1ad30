package dev.vigil.ingest.envelope;

import java.time.Instant;
import java.util.Map;

/**
 * What a receiver extracted from one event of its source, before the normalization rules run:
 * severity still in the source's words, {@code critical} not yet derived, no id when the source has
 * none. {@link Normalizer} turns it into a {@link Signal} (or drops it as noise).
 *
 * @param path JSON path of the event in the request, for error messages
 * @param eventType the Kubernetes event type ({@code Normal}/{@code Warning}), null for other
 *     sources
 * @param rawSeverity severity as the source said it ({@code P1}, {@code page}, {@code Warning}), or
 *     null
 * @param critical true when the source itself says critical, null when it does not say
 */
public record SignalDraft(
    String path,
    String id,
    String source,
    String resourceId,
    String resourceType,
    String cluster,
    String namespace,
    String component,
    String code,
    String reason,
    String eventType,
    String rawSeverity,
    SignalStatus status,
    Boolean critical,
    String message,
    Map<String, String> labels,
    Instant observedAt) {

  public SignalDraft {
    labels = labels == null ? Map.of() : labels;
  }

  public SignalDraft withReason(String newReason) {
    return new SignalDraft(
        path,
        id,
        source,
        resourceId,
        resourceType,
        cluster,
        namespace,
        component,
        code,
        newReason,
        eventType,
        rawSeverity,
        status,
        critical,
        message,
        labels,
        observedAt);
  }
}
