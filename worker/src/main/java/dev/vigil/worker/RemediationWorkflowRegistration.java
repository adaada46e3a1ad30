package dev.vigil.worker;

import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/** Registers RemediationWorkflow (type {@code Remediation}) with the configured options. */
@Singleton
public class RemediationWorkflowRegistration implements WorkflowRegistration {
  static final String WORKFLOW_TYPE = "Remediation";

  private final RemediationWorkflowConfig config;

  public RemediationWorkflowRegistration(RemediationWorkflowConfig config) {
    this.config = config;
  }

  @Override
  public String register(Worker worker) {
    RemediationWorkflowImpl.register(worker, config.toOptions());
    return WORKFLOW_TYPE;
  }
}
