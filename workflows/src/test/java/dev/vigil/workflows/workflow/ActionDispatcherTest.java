package dev.vigil.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.temporal.activity.ActivityOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionDispatcherTest {

  final List<String> invoked = new ArrayList<>();
  final RecordingActions recording = new RecordingActions();
  final ActionDispatcher dispatcher = new ActionDispatcher(o -> recording, o -> recording);

  static ActionRequest request(String action) {
    return new ActionRequest(
        new ActionContext("wf", "inc", "r", 1, 1, ActionContext.Kind.ACTION, false),
        RemediationHarness.POD,
        action,
        "self",
        Map.of());
  }

  @ParameterizedTest
  @CsvSource({
    "docker.scale, scaleService",
    "docker.restart, restartContainer",
    "k8s.deletePod, deletePod",
    "k8s.rolloutRestart, rolloutRestart",
    "k8s.scale, scaleWorkload",
    "k8s.cordon, cordonNode",
    "k8s.uncordon, uncordonNode",
    "k8s.drain, drainNode",
    "k8s.patchResources, patchResources"
  })
  void everyCatalogAction_runsItsTypedActivity(String action, String method) {
    dispatcher.run(request(action), ActivityOptions.newBuilder().build());

    assertThat(invoked).containsExactly(method);
  }

  @Test
  void theDispatcherCoversTheWholeCatalog() {
    for (String action : ActionCatalog.ALL) {
      dispatcher.run(request(action), ActivityOptions.newBuilder().build());
    }
    assertThat(invoked).hasSize(ActionCatalog.ALL.size()).doesNotHaveDuplicates();
  }

  @Test
  void unknownAction_isRefused() {
    assertThatThrownBy(() -> dispatcher.run(request("ssh.reboot"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssh.reboot");
    assertThat(ActionDispatcher.supports("ssh.reboot")).isFalse();
  }

  @Test
  void longRunningActions_areTheOnesThatWaitForTheirEffect() {
    assertThat(ActionCatalog.ALL.stream().filter(ActionDispatcher::isLongRunning))
        .containsExactlyInAnyOrder(
            "docker.scale", "docker.restart", "k8s.rolloutRestart", "k8s.drain");
  }

  private final class RecordingActions implements DockerActivities, KubernetesActivities {
    private ActionResult record(String method, ActionRequest request) {
      invoked.add(method);
      return new ActionResult(request.action(), ActionResult.Outcome.SUCCEEDED, "", null, null);
    }

    @Override
    public ActionResult scaleService(ActionRequest r) {
      return record("scaleService", r);
    }

    @Override
    public ActionResult restartContainer(ActionRequest r) {
      return record("restartContainer", r);
    }

    @Override
    public ActionResult deletePod(ActionRequest r) {
      return record("deletePod", r);
    }

    @Override
    public ActionResult rolloutRestart(ActionRequest r) {
      return record("rolloutRestart", r);
    }

    @Override
    public ActionResult scaleWorkload(ActionRequest r) {
      return record("scaleWorkload", r);
    }

    @Override
    public ActionResult cordonNode(ActionRequest r) {
      return record("cordonNode", r);
    }

    @Override
    public ActionResult uncordonNode(ActionRequest r) {
      return record("uncordonNode", r);
    }

    @Override
    public ActionResult drainNode(ActionRequest r) {
      return record("drainNode", r);
    }

    @Override
    public ActionResult patchResources(ActionRequest r) {
      return record("patchResources", r);
    }
  }
}
