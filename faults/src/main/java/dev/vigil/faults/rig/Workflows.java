package dev.vigil.faults.rig;

import com.google.protobuf.ByteString;
import dev.vigil.temporaldev.LocalTemporal;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What Temporal holds, as the suite counts it: runs per workflow id (open and closed; the test
 * server has no visibility queries, so it lists and filters). A new connection per question, so it
 * works across the server's restarts.
 */
public final class Workflows {
  private final Supplier<String> target;

  Workflows(Supplier<String> target) {
    this.target = target;
  }

  /** Runs per workflow id, for ids starting with {@code prefix}. */
  public Map<String, Integer> runs(String prefix) {
    WorkflowServiceStubs stubs = stubs();
    try {
      Map<String, Integer> runs = new HashMap<>();
      var stub = stubs.blockingStub();
      ByteString token = ByteString.EMPTY;
      do {
        ListOpenWorkflowExecutionsResponse page =
            stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace("default")
                    .setMaximumPageSize(1000)
                    .setNextPageToken(token)
                    .build());
        count(page.getExecutionsList(), prefix, runs);
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      do {
        ListClosedWorkflowExecutionsResponse page =
            stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace("default")
                    .setMaximumPageSize(1000)
                    .setNextPageToken(token)
                    .build());
        count(page.getExecutionsList(), prefix, runs);
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return runs;
    } finally {
      stubs.shutdownNow();
    }
  }

  /** A client for the caller's own queries; the caller shuts its stubs down. */
  public WorkflowClient client() {
    return WorkflowClient.newInstance(stubs());
  }

  private WorkflowServiceStubs stubs() {
    return LocalTemporal.stubs(target.get());
  }

  private static void count(
      List<WorkflowExecutionInfo> infos, String prefix, Map<String, Integer> runs) {
    for (WorkflowExecutionInfo info : infos) {
      String id = info.getExecution().getWorkflowId();
      if (id.startsWith(prefix)) {
        runs.merge(id, 1, Integer::sum);
      }
    }
  }
}
