package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's Docker service: replica 1 started by hand the way compose would, labelled so Vigil's
 * {@code docker.scale} finds it and copies it ({@code vigil.service}, {@code vigil.slot}, {@code
 * vigil.port} for the per-slot port on host networking, {@code vigil.probe.path} for readiness),
 * and with the Traefik labels a load balancer discovers it by ({@code traefik.enable}, a router,
 * and {@code traefik.http.services.<name>.loadbalancer.server.port}, which {@code docker.scale}
 * rewrites to each new replica's port).
 */
public final class DemoService {
  private final DockerClient docker;
  private final String name;
  private final int basePort;

  private DemoService(DockerClient docker, String name, int basePort) {
    this.docker = docker;
    this.name = name;
    this.basePort = basePort;
  }

  /**
   * Starts replica 1 of {@code name} (removing leftovers first) and waits until it serves.
   *
   * @param healthy false: replicas other than the first exit at once, so a scale-up never becomes
   *     ready (the failure path)
   */
  public static DemoService start(DockerClient docker, String name, boolean healthy)
      throws IOException, InterruptedException {
    String image = DemoImage.ensure(docker);
    removeAll(docker, name);
    int base = freePortBlock(4);
    // sh stays PID 1 and exits on SIGTERM (a PID 1 without a handler ignores it), so a replica
    // stops at once instead of after Docker's stop timeout
    String serve = "trap 'exit 0' TERM; busybox httpd -f -p 127.0.0.1:$PORT -h /www & wait";
    String cmd =
        healthy
            ? serve
            : "if [ \"$PORT\" = \"" + base + "\" ]; then " + serve + "; else exit 3; fi";
    String id =
        docker
            .createContainerCmd(image)
            .withName(name + "-1")
            .withLabels(
                Map.of(
                    "vigil.service",
                    name,
                    "vigil.slot",
                    "1",
                    "vigil.port",
                    String.valueOf(base),
                    "vigil.probe.path",
                    "/health",
                    "vigil.demo",
                    "eventpulse",
                    "traefik.enable",
                    "true",
                    "traefik.http.routers." + name + ".rule",
                    "PathPrefix(`/`)",
                    traefikPortLabel(name),
                    String.valueOf(base)))
            .withEnv("PORT=" + base)
            .withCmd("sh", "-c", cmd)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    DemoService service = new DemoService(docker, name, base);
    service.awaitServing(Duration.ofSeconds(30));
    return service;
  }

  public String name() {
    return name;
  }

  /** The port of replica 1 (replica n listens on this + n - 1). */
  public int basePort() {
    return basePort;
  }

  /** The Traefik label that carries a replica's port (rewritten per replica by docker.scale). */
  public static String traefikPortLabel(String service) {
    return "traefik.http.services." + service + ".loadbalancer.server.port";
  }

  /** Running replicas (containers labelled {@code vigil.service=<name>}). */
  public int runningReplicas() {
    return docker.listContainersCmd().withLabelFilter(Map.of("vigil.service", name)).exec().size();
  }

  /** Removes every container of the service. */
  public void remove() {
    removeAll(docker, name);
  }

  /** Removes every container labelled {@code vigil.service=<name>}, running or not. */
  public static void removeAll(DockerClient docker, String name) {
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of("vigil.service", name))
            .exec();
    for (Container c : containers) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (NotFoundException gone) {
        // already removed
      }
    }
  }

  private void awaitServing(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + basePort + "/health"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IOException(
        name + "-1 does not serve on 127.0.0.1:" + basePort + " within " + timeout);
  }

  private static int freePortBlock(int count) {
    for (int tries = 0; tries < 200; tries++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 45_000);
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + count + " free ports");
  }
}
