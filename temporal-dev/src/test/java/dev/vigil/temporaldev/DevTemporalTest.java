package dev.vigil.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.workflows.workflow.VigilSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DevTemporalTest {

  @Test
  @Timeout(60)
  void withoutCli_startsTheJavaTestServer_andRegistersTheSearchAttributesIdempotently(
      @TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (DevTemporal temporal = DevTemporal.start(port, 0, dir, false)) {
      assertThat(temporal.kind()).isEqualTo(DevTemporal.Kind.TEST_SERVER);
      assertThat(temporal.uiUrl()).isEmpty();

      temporal.registerSearchAttributes(); // a second registration must not fail

      WorkflowServiceStubs stubs = LocalTemporal.stubs(temporal.target());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        WorkflowStub registered =
            client.newUntypedWorkflowStub(
                "Remediation",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("remediation:docker/service/sa-check")
                    .setTaskQueue("sa-check")
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(VigilSearchAttributes.RESOURCE_ID, "docker/service/sa-check")
                            .set(VigilSearchAttributes.PHASE, "UNHEALTHY")
                            .set(VigilSearchAttributes.ATTEMPTS, 0L)
                            .build())
                    .build());
        registered.start();
        assertThat(
                registered.describe().getTypedSearchAttributes().get(VigilSearchAttributes.PHASE))
            .isEqualTo("UNHEALTHY");

        WorkflowStub unregistered =
            client.newUntypedWorkflowStub(
                "Remediation",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("unregistered-sa")
                    .setTaskQueue("sa-check")
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(SearchAttributeKey.forKeyword("NotRegistered"), "x")
                            .build())
                    .build());
        assertThatThrownBy(unregistered::start)
            .as(
                "the server refuses attributes nobody registered, so the registration above mattered")
            .isInstanceOf(Exception.class);
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void cliCommand_listensOnLoopbackWithItsOwnDatabaseFile() {
    assertThat(DevTemporal.cliCommand(Path.of("/usr/bin/temporal"), 7233, 8233, Path.of("/d/t.db")))
        .containsSubsequence("server", "start-dev")
        .containsSubsequence("--ip", "127.0.0.1")
        .containsSubsequence("--port", "7233")
        .containsSubsequence("--ui-port", "8233")
        .containsSubsequence("--db-filename", "/d/t.db");
  }
}
