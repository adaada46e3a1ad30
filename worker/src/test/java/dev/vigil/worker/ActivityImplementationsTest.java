package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityImplementationsTest {

  @Test
  void requiredInterfaceWithoutImplementation_failsWithWhatToDo() {
    Map<Class<?>, List<Object>> beans = Map.of(DockerActivities.class, List.of(new Docker()));

    assertThatThrownBy(
            () -> ActivityImplementations.select(of(beans), List.of("docker", "kubernetes")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "no bean implements dev.vigil.workflows.activity.KubernetesActivities")
        .hasMessageContaining("remove 'kubernetes' from vigil.worker.required-activities");
  }

  @Test
  void twoImplementationsOfOneInterface_failWithBothNamed() {
    Map<Class<?>, List<Object>> beans =
        Map.of(DockerActivities.class, List.of(new Docker(), new OtherDocker()));

    assertThatThrownBy(() -> ActivityImplementations.select(of(beans), List.of()))
        .hasMessageContaining("more than one bean implements DockerActivities")
        .hasMessageContaining(Docker.class.getName())
        .hasMessageContaining(OtherDocker.class.getName());
  }

  @Test
  void optionalInterfaceWithoutImplementation_isLeftOut() {
    Docker docker = new Docker();
    Map<Class<?>, List<Object>> beans = Map.of(DockerActivities.class, List.of(docker));

    assertThat(ActivityImplementations.select(of(beans), List.of("docker")))
        .containsExactly(Map.entry(ActivityImplementations.Kind.DOCKER, docker));
  }

  @Test
  void unknownRequiredName_isAConfigurationError() {
    assertThatThrownBy(() -> ActivityImplementations.select(of(Map.of()), List.of("dokcer")))
        .hasMessageContaining("unknown activity 'dokcer'")
        .hasMessageContaining("docker");
  }

  @Test
  void operatorActionRecords_areNamedOperatorAction() {
    assertThatThrownBy(
            () -> ActivityImplementations.select(of(Map.of()), List.of("operator-action")))
        .hasMessageContaining(
            "no bean implements dev.vigil.workflows.activity.OperatorActionActivities");
  }

  private static java.util.function.Function<Class<Object>, Collection<Object>> of(
      Map<Class<?>, List<Object>> beans) {
    return type -> beans.getOrDefault(type, List.of());
  }

  static class Docker implements DockerActivities {
    @Override
    public ActionResult scaleService(ActionRequest request) {
      return null;
    }

    @Override
    public ActionResult restartContainer(ActionRequest request) {
      return null;
    }
  }

  static class OtherDocker extends Docker {}
}
