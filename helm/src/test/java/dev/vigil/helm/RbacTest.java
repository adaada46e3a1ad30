package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RBAC follows the enabled Kubernetes actions, and disappears when turned off. */
class RbacTest {

  private static final List<String> RBAC_KINDS =
      List.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  @Test
  void rbacOffRendersNoRolesButKeepsTheActionsOn() {
    RenderedChart chart = VigilChart.withDefaults().set("rbac.create", false).render();

    RBAC_KINDS.forEach(kind -> assertThat(chart.all(kind)).as(kind).isEmpty());
    assertThat(applicationYml(chart).at("/vigil/kubernetes/enabled").asBoolean()).isTrue();
    assertThat(
            chart
                .get("Deployment", "vigil-worker")
                .at("/spec/template/spec/automountServiceAccountToken")
                .asBoolean())
        .isTrue();
  }

  @Test
  void kubernetesActionsOffRendersNoRolesAndNoTokenAndTellsTheWorker() {
    RenderedChart chart =
        VigilChart.withDefaults().set("actions.kubernetes.enabled", false).render();

    RBAC_KINDS.forEach(kind -> assertThat(chart.all(kind)).as(kind).isEmpty());
    assertThat(applicationYml(chart).at("/vigil/kubernetes/enabled").asBoolean()).isFalse();
    assertThat(
            chart
                .get("Deployment", "vigil-worker")
                .at("/spec/template/spec/automountServiceAccountToken")
                .asBoolean())
        .isFalse();
  }

  @Test
  void onlyDeletePodAllowedGrantsOnlyPodsGetDelete() {
    RenderedChart chart = VigilChart.withDefaults().values("delete-pod-only.yaml").render();

    assertThat(Rbac.grants(chart.get("ClusterRole", "remediation-vigil-worker")))
        .isEqualTo(Rbac.expected("pods=delete,get"));
    assertThat(applicationYml(chart).at("/vigil/kubernetes/allowed-actions/0").asText())
        .isEqualTo("deletePod");
  }

  @Test
  void namespacedRbacRendersARoleAndBindingPerNamespaceAndNoClusterRole() {
    RenderedChart chart = VigilChart.withDefaults().values("namespaced.yaml").render();

    assertThat(chart.all("ClusterRole")).isEmpty();
    assertThat(chart.all("ClusterRoleBinding")).isEmpty();
    List<JsonNode> roles = chart.all("Role").toList();
    assertThat(roles)
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactly("payments", "checkout");
    assertThat(Rbac.grants(roles.getFirst()))
        .isEqualTo(
            Rbac.expected(
                "pods=delete,get",
                "apps/deployments=get,patch",
                "apps/statefulsets=get,patch",
                "apps/replicasets=get"));
    assertThat(chart.all("RoleBinding"))
        .allSatisfy(
            b -> {
              assertThat(b.at("/subjects/0/name").asText()).isEqualTo("vigil-worker");
              assertThat(b.at("/subjects/0/namespace").asText()).isEqualTo(VigilChart.NAMESPACE);
            });
  }

  @Test
  void namespacedRbacCannotGrantNodeActions() {
    assertThatThrownBy(
            () -> VigilChart.withDefaults().values("namespaced-with-nodes.yaml").render())
        .hasMessageContaining("rbac.namespaced cannot grant access to nodes");
  }

  @Test
  void anUnknownActionIsRejected() {
    assertThatThrownBy(() -> VigilChart.withDefaults().values("unknown-action.yaml").render())
        .hasMessageContaining("/actions/kubernetes/allowed/1")
        .hasMessageContaining("must be one of 'deletePod'");
  }

  static JsonNode applicationYml(RenderedChart chart) {
    return RenderedChart.yaml(
        chart.get("ConfigMap", "vigil-config").at("/data/application.yml").asText());
  }
}
