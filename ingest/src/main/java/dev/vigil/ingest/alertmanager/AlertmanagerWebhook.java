package dev.vigil.ingest.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.envelope.EventIds;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.JsonInput;
import dev.vigil.ingest.envelope.NormalizationRules.LabelNames;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.envelope.ParsedBatch;
import dev.vigil.ingest.envelope.ResourceIds;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.envelope.SignalStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an Alertmanager webhook (version 4): every alert of the group, firing and resolved, becomes
 * one draft. Resource ids follow docs/design.md's table (label {@code resource_id}, then {@code
 * docker_service}, {@code pod}, {@code deployment}/{@code statefulset}, {@code node}, else {@code
 * alert/<alertname>/<instance or job>}); event ids are fingerprint + status + startsAt, so both
 * members of an HA pair produce the same ids.
 */
@Singleton
public class AlertmanagerWebhook {
  public static final String SOURCE = "alertmanager";
  public static final String CODE = "Alert";

  /** Alertmanager's "no end" timestamp ({@code 0001-01-01T00:00:00Z}) on firing alerts. */
  private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final LabelNames names;
  private final String defaultCluster;
  private final Clock clock;

  public AlertmanagerWebhook(Normalizer normalizer) {
    this(normalizer.rules().labels(), normalizer.clusterName(), Clock.systemUTC());
  }

  /**
   * A reader whose receive time is {@code clock}'s: a resolved alert without {@code endsAt} is
   * observed then. A replay of a recorded stream passes the recorded receive times.
   */
  public static AlertmanagerWebhook withClock(Normalizer normalizer, Clock clock) {
    return new AlertmanagerWebhook(normalizer.rules().labels(), normalizer.clusterName(), clock);
  }

  AlertmanagerWebhook(LabelNames names, String defaultCluster, Clock clock) {
    this.names = names;
    this.defaultCluster = defaultCluster;
    this.clock = clock;
  }

  public ParsedBatch parse(byte[] body) {
    JsonNode root = JsonInput.requireObject(JsonInput.parse(body), "");
    String version = JsonInput.text(root, "version", "");
    if (version != null && !version.equals("4")) {
      throw new InvalidSignalException(
          "version", "version must be \"4\" (Alertmanager webhook v4), not '" + version + "'");
    }
    String groupStatus = JsonInput.text(root, "status", "");
    JsonNode alerts = JsonInput.requireArray(root.get("alerts"), "alerts");
    List<SignalDraft> drafts = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      drafts.add(alert(alerts.get(i), "alerts[" + i + "]", groupStatus));
    }
    return ParsedBatch.of(drafts);
  }

  private SignalDraft alert(JsonNode alert, String path, String groupStatus) {
    JsonInput.requireObject(alert, path);
    if (alert.get("labels") == null || alert.get("labels").isNull()) {
      throw new InvalidSignalException(path + ".labels", path + ".labels is required");
    }
    Map<String, String> labels = JsonInput.stringMap(alert, "labels", path);
    Map<String, String> annotations = JsonInput.stringMap(alert, "annotations", path);
    String statusText = JsonInput.text(alert, "status", path);
    if (statusText == null) {
      statusText = groupStatus;
    }
    String statusField = path + ".status";
    String shownStatus = statusText;
    SignalStatus status =
        SignalStatus.parse(statusText)
            .orElseThrow(
                () ->
                    new InvalidSignalException(
                        statusField,
                        statusField + " must be firing or resolved, not '" + shownStatus + "'"));
    Instant startsAt = JsonInput.instant(alert, "startsAt", path);
    if (startsAt == null) {
      throw new InvalidSignalException(path + ".startsAt", path + ".startsAt is required");
    }
    Instant endsAt = JsonInput.instant(alert, "endsAt", path);
    String fingerprint = JsonInput.text(alert, "fingerprint", path);
    if (fingerprint == null) {
      fingerprint = EventIds.derive("labels", new TreeMap<>(labels));
    }

    String alertname = labels.get("alertname");
    String reason = firstNonBlank(labels.get(names.reason()), alertname);
    if (reason == null) {
      throw new InvalidSignalException(
          path + ".labels.alertname",
          path + ".labels.alertname is required (or a '" + names.reason() + "' label)");
    }
    String cluster = firstNonBlank(labels.get(names.cluster()), defaultCluster);
    String namespace = blankToNull(labels.get(names.namespace()));
    Resource resource = resource(labels, cluster, namespace, alertname, path);

    Instant observedAt;
    if (status == SignalStatus.FIRING) {
      observedAt = startsAt;
    } else {
      observedAt = endsAt != null && endsAt.isAfter(ZERO_TIME) ? endsAt : clock.instant();
    }
    String id = SOURCE + ":" + fingerprint + ":" + status.wire() + ":" + startsAt;
    return new SignalDraft(
        path,
        id,
        SOURCE,
        resource.id(),
        resource.type(),
        cluster,
        namespace,
        firstNonBlank(labels.get(names.component()), labels.get(names.container())),
        CODE,
        reason,
        null,
        labels.get(names.severity()),
        status,
        null,
        firstNonBlank(
            annotations.get("summary"), annotations.get("description"), annotations.get("message")),
        labels,
        observedAt);
  }

  private Resource resource(
      Map<String, String> labels, String cluster, String namespace, String alertname, String path) {
    String explicit = blankToNull(labels.get(names.resourceId()));
    if (explicit != null) {
      String type = firstNonBlank(labels.get(names.resourceType()), ResourceIds.ALERT_TYPE);
      return new Resource(explicit, type);
    }
    String docker = blankToNull(labels.get(names.dockerService()));
    if (docker != null) {
      return new Resource(ResourceIds.dockerService(docker), ResourceIds.DOCKER_SERVICE_TYPE);
    }
    // Namespaced kinds need the namespace to tell objects apart; without one, fall through.
    if (namespace != null) {
      for (String[] kind :
          List.of(
              new String[] {"Pod", names.pod()},
              new String[] {"Deployment", names.deployment()},
              new String[] {"StatefulSet", names.statefulset()})) {
        String name = blankToNull(labels.get(kind[1]));
        if (name != null) {
          return new Resource(
              ResourceIds.kubernetes(cluster, namespace, kind[0], name),
              ResourceIds.kubernetesType(kind[0]));
        }
      }
    }
    String node = blankToNull(labels.get(names.node()));
    if (node != null) {
      return new Resource(
          ResourceIds.kubernetes(cluster, null, "Node", node), ResourceIds.kubernetesType("Node"));
    }
    if (alertname == null) {
      throw new InvalidSignalException(
          path + ".labels.alertname",
          path
              + ".labels names no resource: it needs alertname, or one of "
              + names.resourceId()
              + ", "
              + names.dockerService()
              + ", "
              + names.pod()
              + ", "
              + names.deployment()
              + ", "
              + names.statefulset()
              + ", "
              + names.node());
    }
    String instance = firstNonBlank(labels.get("instance"), labels.get("job"));
    return new Resource(ResourceIds.alert(alertname, instance), ResourceIds.ALERT_TYPE);
  }

  private record Resource(String id, String type) {}

  static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
