package dev.vigil.launcher;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Whether a Docker daemon answers at {@code DOCKER_HOST} (default the local socket). */
public final class DockerProbe {
  private DockerProbe() {}

  public static String host() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env;
  }

  /** A client of {@link #host()} (the caller closes it); no API version pinned. */
  public static DockerClient client() {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host()).build();
    return DockerClientImpl.getInstance(
        config,
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(3))
            .responseTimeout(Duration.ofSeconds(120))
            .build());
  }

  public static boolean available() {
    try (DockerClient docker = client()) {
      docker.pingCmd().exec();
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
