package dev.vigil.launcher.demo.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's HAProxy in front of one service: a frontend on 127.0.0.1, a backend of {@code slots}
 * empty server slots ({@code server-template}, all in maintenance) that the {@link LabelWatcher}
 * fills through the runtime API, and an HTTP health check ({@code GET /health}) that decides which
 * replicas get traffic.
 */
final class LocalHaproxy implements AutoCloseable {
  static final String BACKEND = "app";
  static final String SLOT_PREFIX = "slot";

  private final ChildProcess process;
  private final int port;
  private final int adminPort;
  private final int slots;

  private LocalHaproxy(ChildProcess process, int port, int adminPort, int slots) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.slots = slots;
  }

  static LocalHaproxy start(Path dir, int port, int adminPort, int slots)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("haproxy.cfg");
    Files.writeString(config, config(port, adminPort, slots));
    ChildProcess p =
        ChildProcess.start(
            "haproxy",
            List.of(Binaries.require("haproxy").toString(), "-db", "-f", config.toString()),
            dir.resolve("haproxy.log"));
    LocalHaproxy lb = new LocalHaproxy(p, port, adminPort, slots);
    try {
      lb.awaitAdmin(Duration.ofSeconds(30));
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
    return lb;
  }

  static String config(int port, int adminPort, int slots) {
    return """
        # written by ./vigil demo --live: the balancer in front of the service's replicas
        global
            stats socket ipv4@127.0.0.1:%d level admin
        defaults
            mode http
            timeout connect 2s
            timeout client 30s
            timeout server 30s
            timeout check 1s
        frontend web
            bind 127.0.0.1:%d
            default_backend %s
        backend %s
            balance roundrobin
            option httpchk GET /health
            default-server inter 1s fastinter 500ms downinter 1s rise 1 fall 2
            server-template %s 1-%d 127.0.0.1:1 check disabled
        """
        .formatted(adminPort, port, BACKEND, BACKEND, SLOT_PREFIX, slots);
  }

  int port() {
    return port;
  }

  int slots() {
    return slots;
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /** Points slot {@code slot} at 127.0.0.1:{@code replicaPort} and lets the health check decide. */
  void enable(int slot, int replicaPort) {
    command(
        "set server %s/%s%d addr 127.0.0.1 port %d"
            .formatted(BACKEND, SLOT_PREFIX, slot, replicaPort));
    command("set server %s/%s%d state ready".formatted(BACKEND, SLOT_PREFIX, slot));
  }

  /** Takes slot {@code slot} out of rotation (maintenance). */
  void disable(int slot) {
    command("set server %s/%s%d state maint".formatted(BACKEND, SLOT_PREFIX, slot));
  }

  /** The backend's server slots as {@code show stat} reports them. */
  List<Server> servers() {
    List<Server> out = new ArrayList<>();
    String[] header = null;
    for (String line : command("show stat").split("\n")) {
      if (line.startsWith("# ")) {
        header = line.substring(2).split(",", -1);
        continue;
      }
      String[] f = line.split(",", -1);
      if (header == null || f.length < header.length || !BACKEND.equals(f[0])) {
        continue;
      }
      String name = f[1];
      if (!name.startsWith(SLOT_PREFIX)) {
        continue;
      }
      out.add(
          new Server(
              Integer.parseInt(name.substring(SLOT_PREFIX.length())),
              field(header, f, "status"),
              Long.parseLong(field(header, f, "stot")),
              field(header, f, "addr")));
    }
    return out;
  }

  /**
   * A server slot.
   *
   * @param status {@code UP}, {@code DOWN}, {@code MAINT}, ...
   * @param sessions connections it served so far: one per request, as busybox httpd closes each
   * @param addr {@code 127.0.0.1:port}
   */
  record Server(int slot, String status, long sessions, String addr) {
    boolean up() {
      return status.startsWith("UP");
    }
  }

  private static String field(String[] header, String[] row, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return row[i];
      }
    }
    throw new IllegalStateException("haproxy show stat has no column " + name);
  }

  /** One runtime API command on the admin socket; returns the answer. */
  String command(String command) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", adminPort), 2000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("haproxy runtime API: " + command, e);
    }
  }

  private void awaitAdmin(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new IOException("haproxy exited: " + process.tail());
      }
      try {
        if (command("show info").contains("Name: HAProxy")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IOException("haproxy's runtime API did not answer within " + timeout);
  }

  @Override
  public void close() {
    process.close();
  }
}
