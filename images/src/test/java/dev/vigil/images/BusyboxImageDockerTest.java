package dev.vigil.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The import against the local daemon, under a tag of its own (removed afterwards) so that the
 * shared test and demo images other builds use are never touched. Without a daemon or a static
 * busybox it is skipped, or fails when {@code VIGIL_REQUIRE_DOCKER=true} (as {@code ./vigil test}
 * sets under CI): testkit's {@code TestDocker.assumeAvailable} rule, written here because testkit
 * depends on this module.
 */
@Timeout(120)
class BusyboxImageDockerTest {

  @Test
  void ensure_importsTheImageOnce_thenReusesIt() throws Exception {
    if (!Files.isExecutable(Path.of("/bin/busybox"))) {
      skipUnlessRequired("no static busybox at /bin/busybox");
    }
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    try (DockerHttpClient http =
            new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
        DockerClient docker = DockerClientImpl.getInstance(config, http)) {
      try {
        docker.pingCmd().exec();
      } catch (RuntimeException e) {
        skipUnlessRequired("no Docker daemon answers at " + host + ": " + e.getMessage());
      }
      String reference = "vigil-test/busybox-images-test:" + UUID.randomUUID();
      BusyboxImage image = new BusyboxImage(reference, "import test", Map.of("ok", "#!/bin/sh\n"));
      try {
        assertThat(image.ensure(docker, http)).isEqualTo(reference);
        assertThat(docker.inspectImageCmd(reference).exec().getId()).isNotBlank();
        assertThat(image.ensure(docker, http)).as("present: reused").isEqualTo(reference);
      } finally {
        docker.removeImageCmd(reference).withForce(true).exec();
      }
    }
  }

  private static void skipUnlessRequired(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("VIGIL_REQUIRE_DOCKER"))) {
      fail("Docker is required: " + reason);
    }
    abort(reason);
  }
}
