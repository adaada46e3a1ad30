package dev.vigil.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.workflows.workflow.VigilSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LocalTemporalTest {

  @Test
  void start_registersTheSearchAttributes_andStartsAgainEmptyOnTheSamePort() {
    try (LocalTemporal temporal = LocalTemporal.start(0)) {
      assertThat(temporal.target()).isEqualTo("127.0.0.1:" + temporal.port());
      assertThat(phaseOfNewWorkflow(temporal, "before")).isEqualTo("UNHEALTHY");

      temporal.stop();
      assertThatThrownBy(() -> phaseOfNewWorkflow(temporal, "down"))
          .isInstanceOf(RuntimeException.class);

      temporal.start();
      assertThat(phaseOfNewWorkflow(temporal, "after")).isEqualTo("UNHEALTHY");
    }
  }

  @Test
  void testEnvironment_knowsVigilsSearchAttributes() {
    try (TestWorkflowEnvironment env = LocalTemporal.testEnvironment()) {
      env.start();
      assertThat(phaseOfNewWorkflow(env.getWorkflowClient(), "env")).isEqualTo("UNHEALTHY");
    }
  }

  private static String phaseOfNewWorkflow(LocalTemporal temporal, String name) {
    WorkflowServiceStubs stubs = temporal.newStubs();
    try {
      return phaseOfNewWorkflow(WorkflowClient.newInstance(stubs), name);
    } finally {
      stubs.shutdownNow();
    }
  }

  /** Starts a workflow (no worker runs it) that sets a Vigil search attribute, and reads it. */
  private static String phaseOfNewWorkflow(WorkflowClient client, String name) {
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(
            "Remediation",
            WorkflowOptions.newBuilder()
                .setWorkflowId("remediation:docker/service/" + name)
                .setTaskQueue("local-temporal-test")
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(VigilSearchAttributes.PHASE, "UNHEALTHY")
                        .build())
                .build());
    workflow.start();
    return workflow.describe().getTypedSearchAttributes().get(VigilSearchAttributes.PHASE);
  }
}
