package dev.vigil.workflows.workflow;

import static org.awaitility.Awaitility.await;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A time-skipping Temporal test environment with the workflow registered through its production
 * factory and {@link FakeActivities} as the activities; starts repairs the way the outbox relay
 * does ({@link RemediationClient#startOrSignal}) and sends observations as the relay would.
 */
final class RemediationHarness implements AutoCloseable {

  static final ResourceRef POD =
      new ResourceRef(
          "k8s/prod-eu/payments/Pod/api-7c9",
          "k8s/Pod",
          "prod-eu",
          "payments",
          "api-7c9",
          Map.of("app", "api"));

  static final ResourceRef APP =
      new ResourceRef("docker/service/app", "docker/service", "local", null, "app", Map.of());

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final RemediationClient remediation;
  final FakeActivities fakes = new FakeActivities();
  final Map<String, Long> counters = new ConcurrentHashMap<>();

  private final Scope metrics;
  private final AtomicInteger eventIds = new AtomicInteger();
  private ResourceRef resource;
  private HealthObservation trigger;

  /** Test options: a short heartbeat timeout so a cancel reaches a blocked action quickly. */
  static RemediationWorkflowOptions testOptions() {
    return RemediationWorkflowOptions.defaults().withActionHeartbeatTimeout(Duration.ofSeconds(1));
  }

  static RemediationHarness start() {
    return new RemediationHarness(testOptions());
  }

  static RemediationHarness start(RemediationWorkflowOptions options) {
    return new RemediationHarness(options);
  }

  /** The one policy of a policies YAML snippet (defaults filled in by the real loader). */
  static Policy policy(String yaml) {
    return PolicyLoader.parse("policies:\n" + yaml.stripIndent().indent(2)).get(0);
  }

  private RemediationHarness(RemediationWorkflowOptions options) {
    metrics =
        new RootScopeBuilder()
            .reporter(new CounterReporter())
            .reportEvery(com.uber.m3.util.Duration.ofMillis(20));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(metrics).build());
    VigilSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(WorkflowIds.TASK_QUEUE);
    RemediationWorkflowImpl.register(worker, options);
    worker.registerActivitiesImplementations(fakes.all());
    env.start();
    client = env.getWorkflowClient();
    remediation = new RemediationClient(client);
    fakes.onObserve(this::observe);
  }

  /** Starts the repair with an Unhealthy trigger, as the relay's signalWithStart does. */
  String startRepair(ResourceRef resource, Policy policy) {
    return startRepair(resource, policy, false, "CrashLoopBackOff");
  }

  String startRepair(ResourceRef resource, Policy policy, boolean dryRun, String reason) {
    this.resource = resource;
    this.trigger = observation(HealthState.Unhealthy, reason);
    remediation.startOrSignal(resource, policy, trigger, dryRun);
    return resource.workflowId();
  }

  /** Starts with the relay's options but no signal (the trigger travels in the input only). */
  String startRepairWithoutSignal(ResourceRef resource, Policy policy) {
    this.resource = resource;
    this.trigger = observation(HealthState.Unhealthy, "CrashLoopBackOff");
    RemediationWorkflow workflow =
        client.newWorkflowStub(RemediationWorkflow.class, remediation.optionsFor(resource, policy));
    WorkflowClient.start(
        workflow::remediate, new RemediationInput(resource, policy, trigger, false, null));
    return resource.workflowId();
  }

  HealthObservation trigger() {
    return trigger;
  }

  /** An observation with a fresh event id, observed now (workflow time). */
  HealthObservation observation(HealthState health, String... reasons) {
    return new HealthObservation(
        "ev-" + eventIds.incrementAndGet(),
        resource.id(),
        health,
        Instant.ofEpochMilli(env.currentTimeMillis()),
        List.of(reasons),
        health == HealthState.Healthy ? null : "critical",
        reasons.length == 0 ? null : reasons[0]);
  }

  void observe(HealthState health, String... reasons) {
    send(observation(health, reasons));
  }

  void send(HealthObservation observation) {
    remediation.signalIfRunning(observation);
  }

  RemediationWorkflow workflow() {
    return client.newWorkflowStub(RemediationWorkflow.class, resource.workflowId());
  }

  WorkflowStub stub() {
    return client.newUntypedWorkflowStub(resource.workflowId());
  }

  /** Waits for the repair to end (time skips meanwhile). */
  RemediationResult result() {
    try {
      return stub().getResult(60, TimeUnit.SECONDS, RemediationResult.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("remediation did not finish; calls: " + fakes.calls, e);
    }
  }

  /** The result, awaited on another thread so the test can act while time skips. */
  java.util.concurrent.CompletableFuture<RemediationResult> resultAsync() {
    return java.util.concurrent.CompletableFuture.supplyAsync(this::result);
  }

  /** Waits (real time, time locked) until an activity call starting with {@code prefix} ran. */
  void awaitCall(String prefix) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fakes.calls.stream().anyMatch(c -> c.startsWith(prefix)));
  }

  void awaitPhase(Phase phase) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fakes.incidents.phaseSequence().contains(phase));
  }

  WorkflowExecutionHistory history() {
    return client.fetchHistory(resource.workflowId());
  }

  @Override
  public void close() {
    env.close();
    try {
      metrics.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sums every counter, keyed "name{tag=value,...}" with sorted tags. */
  @SuppressWarnings({"rawtypes", "deprecation"}) // Buckets is how tally's interface is declared
  private final class CounterReporter implements StatsReporter {
    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      counters.merge(name + new java.util.TreeMap<>(tags), value, Long::sum);
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void reportTimer(String name, Map<String, String> tags, com.uber.m3.util.Duration d) {}

    @Override
    public void reportHistogramValueSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        double lower,
        double upper,
        long samples) {}

    @Override
    public void reportHistogramDurationSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        com.uber.m3.util.Duration lower,
        com.uber.m3.util.Duration upper,
        long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
