package dev.vigil.temporaldev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on loopback for the local stack's processes (Temporal, Kafka, PostgreSQL, the
 * services, the demo's programs), each handed out once per JVM. The kernel may give the port it
 * just freed to the next {@code bind(0)}, so two calls in a row can name the same port (seen in a
 * CI run: Kafka's broker and controller listeners on one port, and the broker refused to format its
 * storage).
 */
public final class LoopbackPorts {
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private LoopbackPorts() {}

  /** A port nothing listens on now and this JVM has not handed out before. */
  public static synchronized int free() {
    for (int tries = 0; tries < 100; tries++) {
      int port = bindAny();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no loopback port that was not handed out already");
  }

  private static int bindAny() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
