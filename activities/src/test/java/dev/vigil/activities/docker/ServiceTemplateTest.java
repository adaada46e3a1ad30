package dev.vigil.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host-networking port convention of replica templates (no daemon needed). */
class ServiceTemplateTest {

  private final ServiceTemplate template =
      ServiceTemplate.fromConfig(
          new DockerServiceConfig(
              "app",
              "img:1",
              List.of("sh", "-c", "exec app -p \"$PORT\""),
              null,
              List.of("PORT=1", "LOG=info"),
              List.of(
                  "traefik.enable=true",
                  "traefik.http.services.app.loadbalancer.server.port=18080",
                  "vigil.slot=1"),
              "host",
              18080,
              "/health",
              List.of("CMD-SHELL", "true"),
              Duration.ofSeconds(5),
              null,
              3,
              null));

  @Test
  void replicaInSlotN_getsBasePortPlusNMinusOne_inEnvAndTraefikLabels() {
    assertThat(template.envFor(3)).containsExactly("LOG=info", "PORT=18082");
    assertThat(template.labelsFor("app", 3))
        .containsEntry("traefik.enable", "true")
        .containsEntry("traefik.http.services.app.loadbalancer.server.port", "18082")
        .containsEntry(ServiceLabels.SERVICE, "app")
        .containsEntry(ServiceLabels.SLOT, "3")
        .containsEntry(ServiceLabels.PORT, "18080")
        .containsEntry(ServiceLabels.PROBE_PATH, "/health");
    assertThat(template.healthcheck().getInterval()).isEqualTo(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void withoutThePortConvention_envAndLabelsAreCopiedAsTheyAre() {
    ServiceTemplate plain =
        new ServiceTemplate(
            "img:1",
            null,
            null,
            List.of("PORT=80"),
            java.util.Map.of("traefik.http.services.x.loadbalancer.server.port", "80"),
            null,
            "traefik",
            null,
            List.of(),
            null,
            null);

    assertThat(plain.envFor(2)).containsExactly("PORT=80");
    assertThat(plain.labelsFor("x", 2))
        .containsEntry("traefik.http.services.x.loadbalancer.server.port", "80")
        .containsEntry(ServiceLabels.SLOT, "2");
  }
}
