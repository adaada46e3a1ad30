package dev.vigil.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The docker-java client of {@code vigil.docker.host} (connects lazily, on the first call). */
@Factory
public class DockerClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  DockerClient dockerClient(DockerConfig config) {
    return create(config);
  }

  /** No API version is set: a 20.10 daemon refuses newer explicit versions with 400. */
  public static DockerClient create(DockerConfig config) {
    DockerClientConfig client =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(config.host())
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(client.getDockerHost())
            .sslConfig(client.getSSLConfig())
            .connectionTimeout(config.connectTimeout())
            .responseTimeout(config.responseTimeout())
            .maxConnections(16)
            .build();
    return DockerClientImpl.getInstance(client, http);
  }
}
