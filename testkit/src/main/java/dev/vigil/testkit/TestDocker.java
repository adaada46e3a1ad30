package dev.vigil.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local Docker daemon for tests (shared by every engineer and CI job on the machine: use unique
 * names and labels, and remove what you create). Tests call {@link #assumeAvailable()} first: it
 * skips with a visible reason when no daemon answers, unless env {@code VIGIL_REQUIRE_DOCKER=true}
 * (CI), where a missing daemon fails the test instead.
 *
 * <p>No API version is pinned: the daemon here is 20.10 (API 1.41) and refuses newer explicit
 * versions; docker-java then talks to the unversioned paths, which the daemon serves at its own.
 */
public final class TestDocker {
  public static final String REQUIRE_ENV = "VIGIL_REQUIRE_DOCKER";
  private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private static DockerClient client;
  private static DockerHttpClient http;
  private static Boolean available;
  private static String unavailableReason;

  private TestDocker() {}

  /** {@code DOCKER_HOST} when set, else the local socket. */
  public static String host() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? DEFAULT_HOST : env;
  }

  /** Whether a daemon answers {@code /_ping} (checked once per JVM). */
  public static synchronized boolean available() {
    if (available == null) {
      try {
        client().pingCmd().exec();
        available = true;
      } catch (RuntimeException e) {
        available = false;
        unavailableReason = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    return available;
  }

  /**
   * Skips the calling test (JUnit assumption, reason in the report) when no daemon answers; fails
   * it instead when {@code VIGIL_REQUIRE_DOCKER=true}.
   */
  public static void assumeAvailable() {
    if (available()) {
      return;
    }
    String message =
        "no Docker daemon answers at "
            + host()
            + " ("
            + unavailableReason
            + "): Docker test skipped; set "
            + REQUIRE_ENV
            + "=true to make this a failure";
    if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
      Assertions.fail(message.replace("Docker test skipped", "Docker is required"));
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  /** The shared client of this JVM (closed at exit). */
  public static synchronized DockerClient client() {
    if (client == null) {
      DockerClientConfig config = config();
      http = httpClient(config);
      client = DockerClientImpl.getInstance(config, http);
      Runtime.getRuntime().addShutdownHook(new Thread(TestDocker::close, "test-docker-close"));
    }
    return client;
  }

  /** A new client of its own (the caller closes it), e.g. to hand to code under test. */
  public static DockerClient newClient() {
    DockerClientConfig config = config();
    return DockerClientImpl.getInstance(config, httpClient(config));
  }

  /** The raw HTTP transport of the shared client, for API calls docker-java does not wrap. */
  static synchronized DockerHttpClient http() {
    client();
    return http;
  }

  /**
   * The first port of {@code count} consecutive free TCP ports on 127.0.0.1, for containers on host
   * networking (random start, so parallel test JVMs rarely collide).
   */
  public static int freePortBlock(int count) {
    for (int tries = 0; tries < 200; tries++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 45_000);
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        free = isFree(p);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no block of " + count + " free ports found");
  }

  /** Force-removes every container (running or not) carrying the label {@code key=value}. */
  public static void removeContainersLabelled(String key, String value) {
    List<Container> containers =
        client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec();
    for (Container c : containers) {
      try {
        client().removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (NotFoundException gone) {
        // removed concurrently: fine
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static DockerClientConfig config() {
    return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host()).build();
  }

  private static DockerHttpClient httpClient(DockerClientConfig config) {
    return new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(Duration.ofSeconds(3))
        .responseTimeout(Duration.ofSeconds(120))
        .build();
  }

  private static synchronized void close() {
    try {
      if (client != null) {
        client.close();
      }
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
