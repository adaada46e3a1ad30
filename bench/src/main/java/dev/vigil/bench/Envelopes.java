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

  /**
   * The paced phase's heartbeats, {@link #heartbeat}'s bytes without building each from strings: a
   * template per resource around the id's number and a timestamp rendered once per millisecond. The
   * load generator shares the two cores it measures; formatting every event (id, instant,
   * concatenation) cost it about as much as everything else it did at 60,000 events/s.
   */
  static final class Heartbeats {
    private final byte[] head;
    private final byte[][] keys;
    private final byte[][] middles;
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.UTF_8);
    private long stampMillis = Long.MIN_VALUE;
    private byte[] stamp;

    /** Heartbeats with ids {@code <idPrefix><n>} for resources {@code 0..resources-1}. */
    Heartbeats(String idPrefix, int resources) {
      String[] parts = split(envelope(idPrefix + "\0", 0, "Heartbeat", "info", Instant.EPOCH));
      this.head = parts[0].getBytes(StandardCharsets.UTF_8);
      this.keys = new byte[resources][];
      this.middles = new byte[resources][];
    }

    byte[] key(int resource) {
      byte[] key = keys[resource];
      if (key == null) {
        key = keys[resource] = resourceId(resource).getBytes(StandardCharsets.UTF_8);
      }
      return key;
    }

    /** {@code heartbeat(idPrefix + n, resource, Instant.ofEpochMilli(epochMillis))}'s bytes. */
    byte[] value(long n, int resource, long epochMillis) {
      if (epochMillis != stampMillis) {
        stamp = Instant.ofEpochMilli(epochMillis).toString().getBytes(StandardCharsets.UTF_8);
        stampMillis = epochMillis;
      }
      byte[] middle = middles[resource];
      if (middle == null) {
        String[] parts = split(envelope("\0", resource, "Heartbeat", "info", Instant.EPOCH));
        middle = middles[resource] = parts[1].getBytes(StandardCharsets.UTF_8);
      }
      int digits = 1;
      for (long bound = 10; digits < 19 && n >= bound; bound *= 10) {
        digits++;
      }
      byte[] out = new byte[head.length + digits + middle.length + stamp.length + TAIL.length];
      int at = copy(head, out, 0);
      long rest = n;
      for (int i = at + digits - 1; i >= at; i--) {
        out[i] = (byte) ('0' + rest % 10);
        rest /= 10;
      }
      at = copy(middle, out, at + digits);
      at = copy(stamp, out, at);
      copy(TAIL, out, at);
      return out;
    }

    /**
     * An envelope rendered with a NUL where the id's number goes and the epoch as its time: the
     * text before the NUL, and the text between it and the time.
     */
    private static String[] split(byte[] envelope) {
      String text = new String(envelope, StandardCharsets.UTF_8);
      int hole = text.indexOf('\0');
      int time = text.lastIndexOf(Instant.EPOCH.toString());
      return new String[] {text.substring(0, hole), text.substring(hole + 1, time)};
    }

    private static int copy(byte[] from, byte[] to, int at) {
      System.arraycopy(from, 0, to, at, from.length);
      return at + from.length;
    }
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
