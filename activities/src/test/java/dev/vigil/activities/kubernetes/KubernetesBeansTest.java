package dev.vigil.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.journal.InMemoryActionJournal;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kubernetes beans as a worker's context wires them (the journal is supplied here). */
class KubernetesBeansTest {

  private static ApplicationContext context(Map<String, Object> properties) {
    return ApplicationContext.builder()
        .properties(properties)
        .singletons(new InMemoryActionJournal())
        .start();
  }

  @Test
  void defaults_enableKubernetes_withAClientAsFabric8ResolvesIt() {
    try (ApplicationContext ctx = context(Map.of())) {
      KubernetesConfig config = ctx.getBean(KubernetesConfig.class);
      assertThat(config.enabled()).isTrue();
      assertThat(config.maxReplicas()).isEqualTo(50);
      assertThat(config.drainTimeout()).isEqualTo(Duration.ofMinutes(5));
      assertThat(config.drainRetryInterval()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.memoryCeiling()).isEqualTo("8Gi");
      assertThat(config.cpuCeiling()).isEqualTo("4");
      assertThat(
              ctx.getBean(KubernetesClient.class).getConfiguration().getRequestRetryBackoffLimit())
          .isEqualTo(2);
      assertThat(ctx.getBean(KubernetesActivitiesImpl.class)).isNotNull();
    }
  }

  @Test
  void disabled_hasNoClient_butStillAnswersActivities() {
    try (ApplicationContext ctx =
        context(
            Map.of("vigil.kubernetes.enabled", "false", "vigil.kubernetes.max-replicas", "7"))) {
      assertThat(ctx.containsBean(KubernetesClient.class)).isFalse();
      assertThat(ctx.getBean(KubernetesConfig.class).maxReplicas()).isEqualTo(7);
      assertThat(ctx.getBean(KubernetesActivitiesImpl.class)).isNotNull();
    }
  }
}
