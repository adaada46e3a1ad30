package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against the real local Docker daemon (skipped with a reason where none answers). */
@Timeout(120)
class TestImagesTest {
  private final String owner = "testkit-" + UUID.randomUUID();

  @AfterEach
  void removeContainers() {
    if (TestDocker.available()) {
      TestDocker.removeContainersLabelled("vigil.test", owner);
    }
  }

  @Test
  void busyboxHttpd_servesTheHealthEndpointOnHostNetworking() throws Exception {
    TestDocker.assumeAvailable();
    String image = TestImages.busyboxHttpd();
    assertThat(TestImages.busyboxHttpd()).as("second call reuses the image").isEqualTo(image);
    int port = TestDocker.freePortBlock(1);
    DockerClient docker = TestDocker.client();
    String id =
        docker
            .createContainerCmd(image)
            .withName(owner)
            .withLabels(Map.of("vigil.test", owner))
            .withCmd("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port, "-h", "/www")
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + TestImages.HEALTH_PATH))
            .timeout(Duration.ofSeconds(2))
            .build();
    HttpResponse<String> response = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (response == null && System.nanoTime() < deadline) {
      try {
        response = http.send(get, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        Thread.onSpinWait();
      }
    }
    assertThat(response).isNotNull();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }
}
