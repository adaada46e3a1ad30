package dev.vigil.api.support;

import dev.vigil.platform.temporal.TemporalClientFactory;
import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/**
 * The Temporal test environment (in-process test server, Vigil's search attributes registered by
 * {@link LocalTemporal}) in place of a real frontend: the API's WorkflowClient and stubs are the
 * environment's, and a worker on {@code vigil-remediation} runs the workflow implementation the
 * test class registers through {@link WorkflowUnderTest}.
 */
@Factory
public class TemporalTestFactory {

  @Singleton
  @Bean(preDestroy = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(WorkflowUnderTest underTest) {
    TestWorkflowEnvironment env = LocalTemporal.testEnvironment();
    Worker worker = env.newWorker(WorkflowIds.TASK_QUEUE);
    underTest.register(worker);
    env.start();
    return env;
  }

  @Singleton
  @Replaces(factory = TemporalClientFactory.class, bean = WorkflowClient.class)
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }

  @Singleton
  @Replaces(factory = TemporalClientFactory.class, bean = WorkflowServiceStubs.class)
  WorkflowServiceStubs workflowServiceStubs(TestWorkflowEnvironment env) {
    return env.getWorkflowServiceStubs();
  }
}
