package dev.vigil.worker;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/** {@link WorkerConfig} as the SDK's factory and worker options. */
public final class WorkerTuning {
  private WorkerTuning() {}

  /** Sticky cache and virtual workflow threads, shared by every worker of the factory. */
  public static WorkerFactoryOptions factoryOptions(WorkerConfig config) {
    return factoryOptions(config, List.of());
  }

  /** As {@link #factoryOptions(WorkerConfig)}, with the interceptors (tracing, logging MDC). */
  public static WorkerFactoryOptions factoryOptions(
      WorkerConfig config, List<WorkerInterceptor> interceptors) {
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
        .setWorkflowCacheSize(config.workflowCacheSize())
        .setUsingVirtualWorkflowThreads(config.virtualThreads())
        .validateAndBuildWithDefaults();
  }

  /**
   * Slots, pollers, identity and virtual threads of the task queue's worker. Heartbeats keep
   * working during a graceful shutdown, so a long action (a scale waiting for readiness) can finish
   * within the grace period instead of failing at its next heartbeat.
   */
  public static WorkerOptions workerOptions(WorkerConfig config) {
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxConcurrentWorkflowTaskExecutionSize(config.maxConcurrentWorkflowTasks())
            .setMaxConcurrentActivityExecutionSize(config.maxConcurrentActivities())
            .setMaxConcurrentLocalActivityExecutionSize(config.maxConcurrentLocalActivities())
            .setMaxConcurrentWorkflowTaskPollers(config.workflowPollers())
            .setMaxConcurrentActivityTaskPollers(config.activityPollers())
            .setUsingVirtualThreads(config.virtualThreads())
            .setAllowActivityHeartbeatDuringShutdown(true);
    if (config.identity() != null && !config.identity().isBlank()) {
      options.setIdentity(config.identity());
    }
    return options.validateAndBuildWithDefaults();
  }
}
