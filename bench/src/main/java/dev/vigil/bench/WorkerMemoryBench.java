package dev.vigil.bench;

import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 4: one worker in this JVM (the production worker's defaults: virtual workflow threads,
 * 200 workflow-task slots, 5 pollers) with a sticky cache sized to hold every workflow, against the
 * test server in its own process. Starts {@code n} repairs of the default crashloop policy; each
 * runs its first rung and then waits on its verify timer (5 minutes) for the signals to clear. Heap
 * is measured after a full GC, before the worker starts and once all {@code n} wait.
 */
final class WorkerMemoryBench {
  private static final String TASK_QUEUE = "bench-memory";

  record Result(
      int workflows,
      double startSeconds,
      long heapBefore,
      long heapAfter,
      int threadsBefore,
      int threadsAfter) {

    long heapDelta() {
      return heapAfter - heapBefore;
    }
  }

  private final BenchTemporal temporal;
  private final int workflows;

  WorkerMemoryBench(BenchTemporal temporal, int workflows) {
    this.temporal = temporal;
    this.workflows = workflows;
  }

  Result run() throws Exception {
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    WorkflowClient client = WorkflowClient.newInstance(temporal.stubs);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(workflows + 100)
                .setUsingVirtualWorkflowThreads(true)
                .build());
    Worker worker =
        factory.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(200)
                .setMaxConcurrentActivityExecutionSize(200)
                .setMaxConcurrentLocalActivityExecutionSize(200)
                .setMaxConcurrentWorkflowTaskPollers(5)
                .setMaxConcurrentActivityTaskPollers(5)
                .setUsingVirtualThreads(true)
                .build());
    RemediationWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
    BenchActivities activities = new BenchActivities();
    worker.registerActivitiesImplementations(activities);
    factory.start();
    try {
      RemediationClient remediation = new RemediationClient(client, TASK_QUEUE);
      long start = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      ExecutorService starters = Executors.newFixedThreadPool(8);
      try {
        List<Future<Void>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
          done.add(
              starters.submit(
                  () -> {
                    for (int i; (i = next.getAndIncrement()) < workflows; ) {
                      ResourceRef pod = pod(i);
                      remediation.startOrSignal(
                          pod, WorkflowCostBench.ONE_RUNG, trigger(pod), false);
                    }
                    return null;
                  }));
        }
        for (Future<Void> f : done) {
          f.get();
        }
      } finally {
        starters.shutdown();
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      long lastLog = System.nanoTime();
      while (activities.actions.get() < workflows) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + activities.actions.get() + " of " + workflows + " repairs acted");
        }
        if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
          Bench.log("  %,d of %,d repairs acted", activities.actions.get(), workflows);
          lastLog = System.nanoTime();
        }
        Thread.sleep(100);
      }
      // The workflow task after the action (schedule the verify timer) completes right after.
      Thread.sleep(3000);
      double startSeconds = (System.nanoTime() - start) / 1e9;
      long heapAfter = heapAfterGc();
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      return new Result(
          workflows, startSeconds, heapBefore, heapAfter, threadsBefore, threadsAfter);
    } finally {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static ResourceRef pod(int i) {
    String name = "mem-" + i;
    return new ResourceRef(
        "k8s/bench/ns/Pod/" + name, "k8s/Pod", "bench", "ns", name, Map.of("app", "mem"));
  }

  private static HealthObservation trigger(ResourceRef pod) {
    return new HealthObservation(
        "mem-ev-" + pod.name(),
        pod.id(),
        HealthState.Unhealthy,
        Instant.now(),
        List.of("CrashLoopBackOff"),
        "critical",
        "CrashLoopBackOff");
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
