package dev.vigil.worker;

import io.temporal.worker.Worker;

/**
 * Registers a workflow implementation on the worker. RemediationWorkflow's is the one production
 * registration; its implementation is built by a factory because its constructor takes the
 * worker-side options.
 */
public interface WorkflowRegistration {

  /** Registers the implementation on {@code worker}; returns the workflow type it serves. */
  String register(Worker worker);
}
