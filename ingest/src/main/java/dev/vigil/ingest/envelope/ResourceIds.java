package dev.vigil.ingest.envelope;

/**
 * Resource ids and types as docs/design.md ("Resource ids from each source") spells them. Every
 * part that tells two objects apart is in the id (cluster, namespace, kind, name), so different
 * objects never collide: eventrouter's own Kafka sink keys by object name only, which does.
 */
public final class ResourceIds {
  public static final String K8S_PREFIX = "k8s/";
  public static final String DOCKER_SERVICE_TYPE = "docker/service";
  public static final String ALERT_TYPE = "alert";

  private ResourceIds() {}

  /**
   * {@code k8s/<cluster>/<namespace>/<kind>/<name>}, without the namespace part for cluster-scoped
   * kinds (namespace null).
   */
  public static String kubernetes(String cluster, String namespace, String kind, String name) {
    return namespace == null || namespace.isBlank()
        ? K8S_PREFIX + cluster + "/" + kind + "/" + name
        : K8S_PREFIX + cluster + "/" + namespace + "/" + kind + "/" + name;
  }

  public static String kubernetesType(String kind) {
    return K8S_PREFIX + kind;
  }

  public static String dockerService(String service) {
    return DOCKER_SERVICE_TYPE + "/" + service;
  }

  /** {@code alert/<alertname>/<instance or job>}, or {@code alert/<alertname>} with neither. */
  public static String alert(String alertname, String instanceOrJob) {
    return instanceOrJob == null
        ? ALERT_TYPE + "/" + alertname
        : ALERT_TYPE + "/" + alertname + "/" + instanceOrJob;
  }

  /** The object's own name: the last path segment of the id. */
  public static String nameOf(String resourceId) {
    String trimmed =
        resourceId.endsWith("/") ? resourceId.substring(0, resourceId.length() - 1) : resourceId;
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 ? trimmed : trimmed.substring(slash + 1);
  }

  /**
   * The type an id implies when a sender names none: {@code k8s/<Kind>} for Kubernetes ids, {@code
   * docker/service}, {@code <provider>/<type>} for Azure resource ids, {@code alert}; else {@code
   * unknown}.
   */
  public static String inferType(String resourceId) {
    String[] parts = resourceId.split("/");
    if (resourceId.startsWith(K8S_PREFIX) && (parts.length == 4 || parts.length == 5)) {
      return kubernetesType(parts[parts.length - 2]);
    }
    if (resourceId.startsWith(DOCKER_SERVICE_TYPE + "/")) {
      return DOCKER_SERVICE_TYPE;
    }
    if (resourceId.startsWith(ALERT_TYPE + "/")) {
      return ALERT_TYPE;
    }
    for (int i = 0; i + 2 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("providers")) {
        return parts[i + 1] + "/" + parts[i + 2];
      }
    }
    return "unknown";
  }
}
