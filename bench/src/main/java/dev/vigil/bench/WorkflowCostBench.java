package dev.vigil.bench;

import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.history.HistoryCost;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.RemediationResult;
import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.ResourceRef;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Scenario 3: the production workflow ({@link RemediationWorkflowImpl#register}, default worker
 * options) in Temporal's time-skipping test server with {@link BenchActivities}, started the way
 * the outbox relay starts it; each repair runs to completion and its history is counted.
 */
final class WorkflowCostBench {

  /** The default crashloop policy; its first rung clears. */
  static final Policy ONE_RUNG =
      policy(
          """
          - name: crashloop-pod
            match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
            recurrenceWindow: 30m
            maxAttempts: 3
            ladder:
              - { action: k8s.deletePod, verifyWithin: 5m }
              - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
            page: { severity: critical }
          """);

  /** Three rungs (no approval gate), none clears: TERMINAL, page, then the signals clear. */
  static final Policy THREE_RUNGS =
      policy(
          """
          - name: crashloop-three-rungs
            match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
            recurrenceWindow: 30m
            maxAttempts: 3
            ladder:
              - { action: k8s.deletePod, verifyWithin: 5m }
              - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
              - { action: k8s.patchResources, target: owner, params: { memoryFactor: 1.5 }, verifyWithin: 10m }
            page: { severity: critical }
          """);

  record Result(HistoryCost oneRung, HistoryCost threeRungs) {}

  private int eventIds;

  static Policy policy(String yaml) {
    return PolicyLoader.parse("policies:\n" + yaml.stripIndent().indent(2)).get(0);
  }

  Result run() throws Exception {
    TestWorkflowEnvironment env = LocalTemporal.testEnvironment();
    try {
      Worker worker = env.newWorker(WorkflowIds.TASK_QUEUE);
      RemediationWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
      BenchActivities activities = new BenchActivities();
      worker.registerActivitiesImplementations(activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      RemediationClient remediation = new RemediationClient(client);

      ResourceRef first = pod("cost-one-rung");
      remediation.startOrSignal(
          first, ONE_RUNG, observation(env, first, HealthState.Unhealthy), false);
      await(() -> activities.actions.get() >= 1);
      await(
          () ->
              client.fetchHistory(first.workflowId()).getEvents().stream()
                  .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
      remediation.signalIfRunning(observation(env, first, HealthState.Healthy));
      result(client, first);
      HistoryCost oneRung = HistoryCost.of(client.fetchHistory(first.workflowId()));

      ResourceRef second = pod("cost-three-rungs");
      remediation.startOrSignal(
          second, THREE_RUNGS, observation(env, second, HealthState.Unhealthy), false);
      env.sleep(Duration.ofMinutes(30));
      await(() -> activities.pages.get() >= 1);
      remediation.signalIfRunning(observation(env, second, HealthState.Healthy));
      result(client, second);
      HistoryCost threeRungs = HistoryCost.of(client.fetchHistory(second.workflowId()));
      return new Result(oneRung, threeRungs);
    } finally {
      env.close();
    }
  }

  private static ResourceRef pod(String name) {
    return new ResourceRef(
        "k8s/bench/ns/Pod/" + name, "k8s/Pod", "bench", "ns", name, Map.of("app", name));
  }

  private HealthObservation observation(
      TestWorkflowEnvironment env, ResourceRef resource, HealthState health) {
    boolean clear = health == HealthState.Healthy;
    return new HealthObservation(
        "bench-ev-" + (++eventIds),
        resource.id(),
        health,
        Instant.ofEpochMilli(env.currentTimeMillis()),
        clear ? List.of() : List.of("CrashLoopBackOff"),
        clear ? null : "critical",
        clear ? null : "CrashLoopBackOff");
  }

  private static RemediationResult result(WorkflowClient client, ResourceRef resource)
      throws Exception {
    return client
        .newUntypedWorkflowStub(resource.workflowId())
        .getResult(60, TimeUnit.SECONDS, RemediationResult.class);
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for the repair");
      }
      Thread.sleep(20);
    }
  }
}
