package dev.vigil.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionParametersTest {

  static List<String> fields(List<ActionParameters.Problem> problems) {
    return problems.stream().map(ActionParameters.Problem::field).toList();
  }

  @Test
  void everyCatalogActionHasASpec() {
    assertThat(ActionParameters.all())
        .extracting(ActionParameters.Spec::action)
        .containsExactlyElementsOf(ActionCatalog.ALL);
  }

  @Test
  void wellFormedRequests_haveNoProblem() {
    assertThat(
            ActionParameters.problems(
                "docker.scale", null, Map.of("replicas", "2"), "docker/service"))
        .isEmpty();
    assertThat(
            ActionParameters.problems(
                "k8s.patchResources",
                "owner",
                Map.of("memoryFactor", "1.5", "memoryCeiling", "2Gi"),
                "k8s/Pod"))
        .isEmpty();
    assertThat(ActionParameters.problems("k8s.drain", "node", Map.of("timeout", "5m"), "k8s/Pod"))
        .isEmpty();
  }

  @Test
  void unknownActions_unknownParams_badValues_andMissingOnes_nameTheirField() {
    assertThat(
            fields(ActionParameters.problems("docker.explode", null, Map.of(), "docker/service")))
        .containsExactly("action");
    assertThat(
            fields(
                ActionParameters.problems(
                    "docker.scale", null, Map.of("replicas", "-1"), "docker/service")))
        .containsExactly("params.replicas");
    assertThat(fields(ActionParameters.problems("docker.scale", null, Map.of(), "docker/service")))
        .containsExactly("params.replicas");
    assertThat(
            fields(
                ActionParameters.problems(
                    "docker.scale",
                    null,
                    Map.of("replicas", "1", "force", "yes"),
                    "docker/service")))
        .containsExactly("params.force");
    assertThat(
            fields(
                ActionParameters.problems(
                    "k8s.scale", null, Map.of("replicas", "1", "replicasDelta", "1"), "k8s/Pod")))
        .containsExactly("params");
    assertThat(fields(ActionParameters.problems("k8s.patchResources", null, Map.of(), "k8s/Pod")))
        .containsExactly("params");
    assertThat(
            fields(
                ActionParameters.problems(
                    "k8s.drain", "node", Map.of("timeout", "soon"), "k8s/Node")))
        .containsExactly("params.timeout");
  }

  @Test
  void theWrongKindOfResourceOrTarget_isAProblem() {
    assertThat(fields(ActionParameters.problems("docker.restart", null, Map.of(), "k8s/Pod")))
        .containsExactly("action");
    assertThat(fields(ActionParameters.problems("k8s.deletePod", "owner", Map.of(), "k8s/Pod")))
        .containsExactly("target");
  }
}
