package dev.vigil.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.docker.DockerConfig;
import dev.vigil.activities.docker.DockerServiceConfig;
import dev.vigil.activities.incident.IncidentConfig;
import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.activities.lease.ScopeLimitsConfig;
import dev.vigil.activities.lease.StormGuardConfig;
import dev.vigil.workflows.activity.DockerActivities;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration binding and bean wiring, without PostgreSQL or Docker. */
class ActivitiesConfigTest {

  @Test
  void documentedDefaultsFile_bindsExactlyTheBuiltInDefaults() {
    try (ApplicationContext plain = ApplicationContext.run();
        ApplicationContext documented = ApplicationContext.run("activities")) {
      for (Class<?> type :
          List.of(DockerConfig.class, IncidentConfig.class, StormGuardConfig.class)) {
        assertThat(documented.getBean(type)).isEqualTo(plain.getBean(type));
      }
      DockerConfig docker = plain.getBean(DockerConfig.class);
      assertThat(docker.enabled()).isTrue();
      assertThat(docker.host()).isEqualTo("unix:///var/run/docker.sock");
      assertThat(docker.readinessTimeout()).isEqualTo(Duration.ofMinutes(2));
      StormGuardConfig guard = plain.getBean(StormGuardConfig.class);
      assertThat(guard.maxConcurrent()).isEqualTo(10);
      assertThat(guard.maxUnhealthyFraction()).isEqualTo(0.4);
      assertThat(guard.cooldown()).isEqualTo(Duration.ZERO);
      assertThat(documented.getBeansOfType(DockerServiceConfig.class)).isEmpty();
    }
  }

  @Test
  void serviceTemplatesAndScopeOverrides_bindFromLists() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "vigil.docker.services[0].name", "app",
                "vigil.docker.services[0].image", "registry.example/app:1.4",
                "vigil.docker.services[0].labels",
                    List.of("traefik.enable=true", "traefik.http.routers.app.rule=Host(`a`)"),
                "vigil.docker.services[0].env", List.of("LOG_LEVEL=info"),
                "vigil.docker.services[0].port", 18080,
                "vigil.storm-guard.scopes[0].scope", "cluster=prod-eu,type=k8s/Node",
                "vigil.storm-guard.scopes[0].cooldown", "10m"))) {
      DockerServiceConfig app = ctx.getBean(DockerServiceConfig.class);
      assertThat(app.name()).isEqualTo("app");
      assertThat(app.labels())
          .containsExactly("traefik.enable=true", "traefik.http.routers.app.rule=Host(`a`)");
      assertThat(app.env()).containsExactly("LOG_LEVEL=info");
      assertThat(app.networkMode()).isEqualTo("host");
      assertThat(app.port()).isEqualTo(18080);
      ScopeLimitsConfig nodes = ctx.getBean(ScopeLimitsConfig.class);
      assertThat(nodes.scope()).isEqualTo("cluster=prod-eu,type=k8s/Node");
      assertThat(nodes.cooldown()).isEqualTo(Duration.ofMinutes(10));
      assertThat(nodes.maxConcurrent()).isNull();
    }
  }

  @Test
  void withoutADatabase_thereIsNoJdbcJournal_soAnotherJournalCanServeTheDockerActivities() {
    try (ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(Map.of("vigil.docker.enabled", false))
            .singletons(new InMemoryActionJournal())
            .start()) {
      assertThat(ctx.getBeansOfType(ActionJournal.class)).hasSize(1);
      assertThat(ctx.getBean(DockerActivities.class)).isNotNull();
      assertThat(ctx.getBean(DockerConfig.class).enabled()).isFalse();
    }
  }
}
