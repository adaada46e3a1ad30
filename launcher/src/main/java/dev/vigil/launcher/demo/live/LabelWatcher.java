package dev.vigil.launcher.demo.live;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.vigil.activities.docker.ServiceLabels;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What stands in for Traefik's Docker provider: every {@code balancerSync} it lists the running
 * containers labelled {@code vigil.service=<service>} and {@code traefik.enable=true}, reads each
 * one's port from {@code traefik.http.services.<service>.loadbalancer.server.port}, and makes
 * HAProxy's server slot {@code vigil.slot} point at it (runtime API: {@code set server ... addr},
 * {@code state ready}); slots whose container is gone go to maintenance. HAProxy's own health check
 * then decides when a replica gets traffic.
 */
final class LabelWatcher implements AutoCloseable {
  private static final String TRAEFIK_ENABLE = "traefik.enable";

  private final DockerClient docker;
  private final LocalHaproxy balancer;
  private final String service;
  private final Transcript out;
  private final Map<Integer, Integer> applied = new HashMap<>();
  private final Ticker ticker = new Ticker("live-label-watcher");

  LabelWatcher(DockerClient docker, LocalHaproxy balancer, String service, Transcript out) {
    this.docker = docker;
    this.balancer = balancer;
    this.service = service;
    this.out = out;
  }

  void start(LiveTimings timings) {
    ticker.every(timings.balancerSync(), this::syncQuietly);
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      out.say("balancer: label sync failed (retrying): " + e.getMessage());
    }
  }

  /** One pass: Docker's labels -> HAProxy's slots. */
  synchronized void sync() {
    Map<Integer, Integer> wanted = new TreeMap<>();
    Map<Integer, String> names = new HashMap<>();
    for (Container c :
        docker.listContainersCmd().withLabelFilter(Map.of(ServiceLabels.SERVICE, service)).exec()) {
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      Integer port = portOf(labels);
      Integer slot = slotOf(labels);
      if (!"true".equals(labels.get(TRAEFIK_ENABLE)) || port == null || slot == null) {
        continue;
      }
      if (slot > balancer.slots()) {
        out.say(
            "balancer: no slot for replica " + slot + " (HAProxy has " + balancer.slots() + ")");
        continue;
      }
      wanted.put(slot, port);
      names.put(slot, name(c));
    }
    for (Map.Entry<Integer, Integer> e : wanted.entrySet()) {
      if (!e.getValue().equals(applied.get(e.getKey()))) {
        balancer.enable(e.getKey(), e.getValue());
        applied.put(e.getKey(), e.getValue());
        out.say(
            "balancer: + "
                + names.get(e.getKey())
                + " -> 127.0.0.1:"
                + e.getValue()
                + " (found by its labels; HAProxy sends traffic once GET /health answers)");
      }
    }
    for (Integer slot : Map.copyOf(applied).keySet()) {
      if (!wanted.containsKey(slot)) {
        balancer.disable(slot);
        applied.remove(slot);
        out.say("balancer: - slot " + slot + " (its container is gone)");
      }
    }
  }

  /** The port in the Traefik label of this service (docker.scale rewrites it per replica). */
  private Integer portOf(Map<String, String> labels) {
    String value =
        labels.get("traefik.http.services." + service + ServiceLabels.LOAD_BALANCER_PORT_SUFFIX);
    return parse(value);
  }

  private static Integer slotOf(Map<String, String> labels) {
    return parse(labels.get(ServiceLabels.SLOT));
  }

  private static Integer parse(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String name(Container c) {
    String[] names = c.getNames();
    return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
  }

  @Override
  public void close() {
    ticker.close();
  }
}
