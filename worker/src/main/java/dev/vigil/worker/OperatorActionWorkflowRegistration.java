package dev.vigil.worker;

import dev.vigil.workflows.client.OperatorActionClient;
import dev.vigil.workflows.workflow.OperatorActionWorkflowImpl;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/**
 * Registers OperatorActionWorkflow (type {@code OperatorAction}) with the remediation's worker-side
 * options: an operator action waits in the storm guard and runs its action as a rung does.
 */
@Singleton
public class OperatorActionWorkflowRegistration implements WorkflowRegistration {
  private final RemediationWorkflowConfig config;

  public OperatorActionWorkflowRegistration(RemediationWorkflowConfig config) {
    this.config = config;
  }

  @Override
  public String register(Worker worker) {
    OperatorActionWorkflowImpl.register(worker, config.toOptions());
    return OperatorActionClient.WORKFLOW_TYPE;
  }
}
