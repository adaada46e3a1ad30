package dev.vigil.worker.support;

import dev.vigil.worker.WorkflowRegistration;
import io.micronaut.context.annotation.Requires;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/** Registers {@link ProbeWorkflow} on the worker of test contexts that ask for it. */
@Singleton
@Requires(property = "test.workflows.probe", value = "true")
public class ProbeWorkflowRegistration implements WorkflowRegistration {
  @Override
  public String register(Worker worker) {
    worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    return "VigilProbe";
  }
}
