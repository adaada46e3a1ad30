package dev.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The benchmark's signal stream, as a producer would write it to {@code vigil.signals}: envelope
 * JSON keyed by resource id. Event {@code i} is about resource {@code i % resources}; most are
 * {@code info} heartbeats (the resource stays Healthy), and from the middle of the stream on the
 * first {@code stormResources} resources fire {@code CrashLoopBackOff} (critical, matches the
 * default {@code crashloop-pod} policy): one Healthy -> Unhealthy transition each.
 */
final class Envelopes {
  private final String run;
  private final int events;
  private final int resources;
  private final int stormResources;
  private final Instant base;

  Envelopes(String run, int events, int resources, int stormResources, Instant base) {
    this.run = run;
    this.events = events;
    this.resources = resources;
    this.stormResources = stormResources;
    this.base = base;
  }

  static String resourceId(int resource) {
    return "k8s/bench/ns/Pod/pod-" + resource;
  }

  int resourceOf(long i) {
    return (int) (i % resources);
  }

  boolean isStorm(long i) {
    return i >= events / 2 && resourceOf(i) < stormResources;
  }

  byte[] key(long i) {
    return resourceId(resourceOf(i)).getBytes(StandardCharsets.UTF_8);
  }

  byte[] value(long i) {
    boolean storm = isStorm(i);
    return envelope(
        run + "-" + i,
        resourceOf(i),
        storm ? "CrashLoopBackOff" : "Heartbeat",
        storm ? "critical" : "info",
        base.plusMillis(i));
  }

  /** An info heartbeat with its own id, for the latency run. */
  static byte[] heartbeat(String id, int resource, Instant observedAt) {
    return envelope(id, resource, "Heartbeat", "info", observedAt);
  }

  private static byte[] envelope(
      String id, int resource, String reason, String severity, Instant observedAt) {
    String json =
        "{\"id\":\""
            + id
            + "\",\"source\":\"bench\",\"resourceId\":\""
            + resourceId(resource)
            + "\",\"resourceType\":\"k8s/Pod\",\"cluster\":\"bench\",\"namespace\":\"ns\","
            + "\"code\":\"Alert\",\"reason\":\""
            + reason
            + "\",\"severity\":\""
            + severity
            + "\",\"status\":\"firing\",\"message\":\"bench signal\",\"observedAt\":\""
            + observedAt
            + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
