package dev.vigil.worker;

import dev.vigil.platform.temporal.TemporalConfig;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal worker of the remediation task queue: built when the context starts (so a missing
 * activity implementation stops the service right there), polling once the context has started, and
 * stopped gracefully when it closes: polling ends, running activities get {@code
 * vigil.worker.shutdown-grace} to finish, then they are interrupted and Temporal hands them to
 * another worker.
 */
@Context
public class TemporalWorker {
  private static final Logger log = LoggerFactory.getLogger(TemporalWorker.class);

  /** After the grace period: how long interrupted tasks get to let go of their slots. */
  static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(10);

  /** Where the worker is in its life; readiness is UP only while {@link #POLLING}. */
  public enum State {
    CREATED,
    /** Waiting for Temporal to answer before polling. */
    CONNECTING,
    POLLING,
    STOPPING,
    STOPPED
  }

  private final WorkerFactory factory;
  private final String taskQueue;
  private final WorkerConfig config;
  private final SearchAttributeSetup searchAttributes;
  private final TaskScheduler scheduler;
  private volatile State state = State.CREATED;
  private final String target;
  private boolean searchAttributesChecked;
  private int startAttempts;
  private ScheduledFuture<?> pendingStart;

  public TemporalWorker(
      WorkflowClient client,
      TemporalConfig temporal,
      WorkerConfig config,
      List<WorkflowRegistration> workflows,
      ActivityImplementations activities,
      SearchAttributeSetup searchAttributes,
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      List<WorkerInterceptor> interceptors) {
    if (workflows.isEmpty()) {
      throw new IllegalStateException(
          "the worker has no workflow implementation to register: RemediationWorkflowImpl"
              + " (vigil-workflows) must be on the classpath");
    }
    this.taskQueue = temporal.taskQueue();
    this.target = temporal.target();
    this.config = config;
    this.searchAttributes = searchAttributes;
    this.scheduler = scheduler;
    this.factory =
        WorkerFactory.newInstance(client, WorkerTuning.factoryOptions(config, interceptors));
    Worker worker = factory.newWorker(taskQueue, WorkerTuning.workerOptions(config));
    List<String> workflowTypes = workflows.stream().map(w -> w.register(worker)).toList();
    worker.registerActivitiesImplementations(activities.all().toArray());
    log.info(
        "worker for task queue {} in namespace {} at {}: workflows {}, activities {}",
        taskQueue,
        temporal.namespace(),
        temporal.target(),
        workflowTypes,
        activities.describe());
  }

  @EventListener
  void onStartup(StartupEvent event) {
    start();
  }

  /**
   * Registers the search attributes (when configured) and starts polling. While Temporal does not
   * answer, the service runs (probes say not ready) and tries again every {@code
   * vigil.worker.start-retry}.
   */
  public synchronized void start() {
    if (state == State.CREATED) {
      state = State.CONNECTING;
      attemptStart();
    }
  }

  private synchronized void attemptStart() {
    if (state != State.CONNECTING) {
      return;
    }
    try {
      if (config.registerSearchAttributes() && !searchAttributesChecked) {
        if (searchAttributes.ensure() == SearchAttributeSetup.Outcome.UNREACHABLE) {
          retryStart("no answer to the search-attribute check");
          return;
        }
        searchAttributesChecked = true;
      }
      factory.start();
    } catch (StatusRuntimeException e) {
      retryStart(e.getStatus().getCode().toString());
      return;
    }
    state = State.POLLING;
    log.info(
        "polling task queue {}{} (workflow task slots {}, activity slots {}, virtual threads {})",
        taskQueue,
        startAttempts == 0 ? "" : " after " + startAttempts + " unanswered attempts",
        config.maxConcurrentWorkflowTasks(),
        config.maxConcurrentActivities(),
        config.virtualThreads());
  }

  /** Logs the first miss as a warning, later ones quietly, and tries again after the pause. */
  private void retryStart(String why) {
    startAttempts++;
    if (startAttempts == 1) {
      log.warn(
          "Temporal at {} did not answer ({}); polling {} starts once it does, trying every {}",
          target,
          why,
          taskQueue,
          config.startRetry());
    } else {
      log.debug(
          "Temporal at {} still does not answer ({}), attempt {}", target, why, startAttempts);
    }
    pendingStart = scheduler.schedule(config.startRetry(), this::attemptStart);
  }

  /**
   * Stops polling, waits up to the grace period for running tasks, then interrupts what is left.
   * Idempotent.
   */
  @PreDestroy
  public void stop() {
    synchronized (this) {
      if (state == State.STOPPING || state == State.STOPPED) {
        return;
      }
      boolean polling = state == State.POLLING;
      state = State.STOPPING;
      if (pendingStart != null) {
        pendingStart.cancel(false);
      }
      if (!polling) {
        state = State.STOPPED;
        return;
      }
    }
    long started = System.nanoTime();
    log.info(
        "stopping: no new tasks from {}; running activities get {} to finish",
        taskQueue,
        config.shutdownGrace());
    factory.shutdown();
    awaitTermination(config.shutdownGrace());
    if (!factory.isTerminated()) {
      log.warn(
          "activities still running after {}: interrupting them; Temporal retries them on"
              + " another worker",
          config.shutdownGrace());
      factory.shutdownNow();
      awaitTermination(FORCED_STOP_WAIT);
    }
    state = State.STOPPED;
    log.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  public State state() {
    return state;
  }

  private void awaitTermination(Duration timeout) {
    factory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
