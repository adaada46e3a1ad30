package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The {@link KubernetesClient} bean, configured as fabric8 resolves it (kubeconfig, then the
 * in-cluster service account). Not created when {@code vigil.kubernetes.enabled=false}.
 */
@Factory
public class KubernetesClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(property = "vigil.kubernetes.enabled", notEquals = "false")
  KubernetesClient kubernetesClient(KubernetesConfig config) {
    Config resolved =
        new ConfigBuilder(Config.autoConfigure(null))
            .withRequestRetryBackoffLimit(config.requestRetryBackoffLimit())
            .build();
    return new KubernetesClientBuilder().withConfig(resolved).build();
  }
}
