package dev.vigil.ingest.envelope;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.store.contracts.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signal envelope of docs/design.md: what every source is normalized to and what topic {@code
 * vigil.signals} carries (JSON, key = {@code resourceId}).
 *
 * @param id unique event id, the dedup key
 * @param source where it came from ({@code alertmanager}, {@code eventrouter}, {@code cloudevents},
 *     ...)
 * @param resourceId the resource the signal is about
 * @param resourceType e.g. {@code k8s/Pod}
 * @param cluster the cluster, the configured cluster name when the source has none
 * @param namespace the Kubernetes namespace, or null
 * @param component the component (container, service part), or null
 * @param code signal family: {@code Alert}, {@code K8sEvent}, ...
 * @param reason e.g. {@code CrashLoopBackOff}
 * @param severity how bad it is
 * @param status firing or resolved
 * @param critical derived by the normalization rules; a critical signal makes the resource
 *     Unhealthy
 * @param message human text, or null
 * @param labels labels as received
 * @param observedAt when the source observed it; orders events per resource
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(
    String id,
    String source,
    String resourceId,
    String resourceType,
    String cluster,
    String namespace,
    String component,
    String code,
    String reason,
    Severity severity,
    SignalStatus status,
    boolean critical,
    String message,
    Map<String, String> labels,
    Instant observedAt) {

  public Signal {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** Identity of the signal within its resource: events with the same key update one signal. */
  @JsonIgnore
  public String key() {
    return key(code, reason);
  }

  public static String key(String code, String reason) {
    return code + "|" + reason;
  }

  /** Whether the event says the signal fires (rather than resolved). */
  @JsonIgnore
  public boolean isFiring() {
    return status == SignalStatus.FIRING;
  }
}
