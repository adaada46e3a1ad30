package dev.vigil.api.support;

import io.micronaut.context.annotation.DefaultImplementation;
import io.temporal.worker.Worker;

/** What the test worker runs; the default is {@link SignalRecordingWorkflow}. */
@DefaultImplementation(WorkflowUnderTest.Recording.class)
public interface WorkflowUnderTest {
  void register(Worker worker);

  /** The recording stand-in. */
  @jakarta.inject.Singleton
  class Recording implements WorkflowUnderTest {
    @Override
    public void register(Worker worker) {
      worker.registerWorkflowImplementationTypes(SignalRecordingWorkflow.class);
    }
  }
}
