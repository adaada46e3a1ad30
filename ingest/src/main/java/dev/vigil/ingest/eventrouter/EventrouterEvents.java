package dev.vigil.ingest.eventrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.envelope.EventIds;
import dev.vigil.ingest.envelope.JsonInput;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads eventrouter output ({@code {"verb", "event", "old_event"}}): one object, an array, or JSON
 * lines. Each Kubernetes event becomes a firing draft about its involved object, keyed by cluster +
 * namespace + kind + name (eventrouter's own Kafka sink keys by name only, so two pods called
 * {@code api} in different namespaces would collide there). Events never resolve: their signals
 * expire by TTL. {@code DELETED} verbs carry no news and are ignored.
 */
@Singleton
public class EventrouterEvents {
  public static final String SOURCE = "eventrouter";
  public static final String CODE = "K8sEvent";
  private static final Set<String> SIGNAL_VERBS = Set.of("ADDED", "UPDATED");
  private static final Pattern CONTAINER = Pattern.compile("spec\\.(?:init)?[cC]ontainers\\{(.+)}");

  private final String defaultCluster;
  private final Clock clock;

  public EventrouterEvents(Normalizer normalizer) {
    this(normalizer.clusterName(), Clock.systemUTC());
  }

  /**
   * A reader whose receive time is {@code clock}'s: an event without any timestamp is observed
   * then. A replay of a recorded stream passes the recorded receive times.
   */
  public static EventrouterEvents withClock(Normalizer normalizer, Clock clock) {
    return new EventrouterEvents(normalizer.clusterName(), clock);
  }

  EventrouterEvents(String defaultCluster, Clock clock) {
    this.defaultCluster = defaultCluster;
    this.clock = clock;
  }

  public ParsedBatch parse(byte[] body) {
    List<SignalDraft> drafts = new ArrayList<>();
    int ignored = 0;
    for (JsonInput.Located item : JsonInput.values(body)) {
      JsonNode node = JsonInput.requireObject(item.node(), item.path());
      String verb = JsonInput.text(node, "verb", item.path());
      if (verb != null && !SIGNAL_VERBS.contains(verb)) {
        ignored++;
        continue;
      }
      drafts.add(event(node, item.path()));
    }
    return new ParsedBatch(drafts, ignored);
  }

  private SignalDraft event(JsonNode wrapper, String wrapperPath) {
    String path = JsonInput.child(wrapperPath, "event");
    JsonNode event = JsonInput.requireObject(wrapper.get("event"), path);
    String objectPath = JsonInput.child(path, "involvedObject");
    JsonNode involved = JsonInput.requireObject(event.get("involvedObject"), objectPath);
    String kind = JsonInput.requireText(involved, "kind", objectPath);
    String name = JsonInput.requireText(involved, "name", objectPath);
    String namespace = JsonInput.text(involved, "namespace", objectPath);
    String reason = JsonInput.requireText(event, "reason", path);

    String metadataPath = JsonInput.child(path, "metadata");
    JsonNode metadata = event.get("metadata");
    String uid = null;
    String resourceVersion = null;
    Instant created = null;
    if (metadata != null && !metadata.isNull()) {
      JsonInput.requireObject(metadata, metadataPath);
      uid = JsonInput.text(metadata, "uid", metadataPath);
      resourceVersion = JsonInput.text(metadata, "resourceVersion", metadataPath);
      created = JsonInput.instant(metadata, "creationTimestamp", metadataPath);
    }
    Instant observedAt =
        firstNonNull(
            JsonInput.instant(event, "lastTimestamp", path),
            JsonInput.instant(event, "eventTime", path),
            seriesLastObserved(event, path),
            JsonInput.instant(event, "firstTimestamp", path),
            created,
            clock.instant());

    String cluster = JsonInput.text(wrapper, "cluster", wrapperPath);
    if (cluster == null) {
      cluster = defaultCluster;
    }
    String id;
    if (uid != null && resourceVersion != null) {
      id = "k8s-event:" + uid + ":" + resourceVersion;
    } else {
      JsonNode count = event.get("count");
      id =
          EventIds.derive(
              SOURCE,
              cluster,
              uid,
              namespace,
              kind,
              name,
              reason,
              count == null ? "" : count.asText(),
              observedAt);
    }
    String component = null;
    String fieldPath = JsonInput.text(involved, "fieldPath", objectPath);
    if (fieldPath != null) {
      Matcher container = CONTAINER.matcher(fieldPath);
      if (container.matches()) {
        component = container.group(1);
      }
    }
    String type = JsonInput.text(event, "type", path);
    return new SignalDraft(
        wrapperPath,
        id,
        SOURCE,
        ResourceIds.kubernetes(cluster, namespace, kind, name),
        ResourceIds.kubernetesType(kind),
        cluster,
        namespace,
        component,
        CODE,
        reason,
        type,
        type,
        SignalStatus.FIRING,
        null,
        JsonInput.text(event, "message", path),
        metadata == null ? null : JsonInput.stringMap(metadata, "labels", metadataPath),
        observedAt);
  }

  private static Instant seriesLastObserved(JsonNode event, String path) {
    JsonNode series = event.get("series");
    if (series == null || !series.isObject()) {
      return null;
    }
    return JsonInput.instant(series, "lastObservedTime", JsonInput.child(path, "series"));
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
