package dev.vigil.backtest;

import com.google.common.util.concurrent.ListenableFuture;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.api.testservice.v1.SleepResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.internal.common.ProtobufTimeUtils;
import io.temporal.internal.testservice.StoppedClockTestServer;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Temporal a replay runs on: the time-skipping test server with its wall clock stopped ({@link
 * StoppedClockTestServer}), a worker factory and a client over it, and the one way virtual time
 * moves, {@link #advanceTo}.
 *
 * <p>Virtual time never moves while a workflow task, an activity or the replay itself is in flight;
 * it jumps to the next due timer only when all of them have finished. So everything the lines of
 * one instant set off (their workflow tasks, the activities those schedule, the workflow tasks
 * after them) runs at that instant, and no timer fires under a workflow task that may cancel it.
 */
final class ReplayServer implements AutoCloseable {
  /**
   * How long virtual time may stand still, in wall time, while the replay waits for it. With the
   * clock stopped nothing in the replay takes long at one instant (a storm of a thousand resources
   * settles in seconds), so this only trips when a workflow task or an activity never finishes,
   * which would otherwise hang the backtest for good.
   */
  static final Duration STALL_LIMIT = Duration.ofMinutes(2);

  /**
   * Workflows the worker keeps in memory between their tasks. The SDK's default, 600, is less than
   * the resources a large backtest has open at once; an evicted workflow is replayed from its
   * history at its next task, which costs time and changes nothing. Workflow threads are virtual,
   * as in the worker service, so a cached workflow costs no platform thread.
   */
  static final int WORKFLOW_CACHE = 4096;

  private static final Duration POLL = Duration.ofSeconds(5);

  private final StoppedClockTestServer server;
  private final WorkflowServiceStubs workflowService;
  private final OperatorServiceStubs operatorService;
  private final TestServiceStubs testService;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final Duration stallLimit;

  private ReplayServer(StoppedClockTestServer server, Duration stallLimit) {
    this.server = server;
    this.stallLimit = stallLimit;
    WorkflowServiceStubsOptions options =
        WorkflowServiceStubsOptions.newBuilder()
            .setChannel(server.channel())
            .validateAndBuildWithDefaults();
    workflowService = WorkflowServiceStubs.newServiceStubs(options);
    operatorService =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(server.channel())
                .validateAndBuildWithDefaults());
    // A wait for virtual time can take as long as the replay of what falls due before it.
    testService =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(options)
                .setRpcTimeout(Duration.ofMillis(Long.MAX_VALUE))
                .validateAndBuildWithDefaults());
    client = WorkflowClient.newInstance(workflowService);
    workers =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(WORKFLOW_CACHE)
                .setUsingVirtualWorkflowThreads(true)
                .validateAndBuildWithDefaults());
  }

  /** A server whose virtual time begins at {@code start}, with search attributes registered. */
  static ReplayServer start(Instant start, Map<String, IndexedValueType> searchAttributes) {
    return start(start, searchAttributes, STALL_LIMIT);
  }

  static ReplayServer start(
      Instant start, Map<String, IndexedValueType> searchAttributes, Duration stallLimit) {
    ReplayServer replay = new ReplayServer(StoppedClockTestServer.start(start), stallLimit);
    replay
        .operatorService
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace(replay.client.getOptions().getNamespace())
                .putAllSearchAttributes(searchAttributes)
                .build());
    return replay;
  }

  Worker newWorker(String taskQueue) {
    return workers.newWorker(taskQueue);
  }

  void startWorkers() {
    workers.start();
  }

  WorkflowClient client() {
    return client;
  }

  /** The server's virtual time. */
  Instant now() {
    return server.now();
  }

  /**
   * Moves virtual time to {@code at} and returns once everything due by then has run: every timer
   * due before {@code at} fires in time order, each after all that the earlier ones set off has
   * finished, and the timers due at {@code at} itself fire and settle too. So a line received at
   * the very instant a verification window ends comes after the window's timer. Time stays at
   * {@code at} until the next call, however long the caller takes.
   *
   * @throws IllegalStateException when virtual time stands still for {@link #STALL_LIMIT}
   */
  void advanceTo(Instant at) {
    long ahead = at.toEpochMilli() - now().toEpochMilli();
    try {
      if (ahead > 0) {
        reach(at, ahead);
      }
      if (!server.awaitSettled(stallLimit)) {
        throw stalled(now(), at);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while virtual time moved to " + at, e);
    }
  }

  private void reach(Instant at, long ahead) throws InterruptedException {
    ListenableFuture<SleepResponse> reached =
        testService
            .futureStub()
            .unlockTimeSkippingWithSleep(
                SleepRequest.newBuilder()
                    .setDuration(ProtobufTimeUtils.toProtoDuration(Duration.ofMillis(ahead)))
                    .build());
    Instant seen = null;
    long stillSince = System.nanoTime();
    while (true) {
      try {
        reached.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        Instant now = now();
        if (!now.equals(seen)) {
          seen = now;
          stillSince = System.nanoTime();
        } else if (System.nanoTime() - stillSince > stallLimit.toNanos()) {
          reached.cancel(true);
          throw stalled(now, at);
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "the test server failed to move virtual time to " + at + ": " + e.getCause(), e);
      }
    }
  }

  private IllegalStateException stalled(Instant now, Instant at) {
    return new IllegalStateException(
        "virtual time has stood still at "
            + now
            + " for "
            + stallLimit.toSeconds()
            + " s of wall time on the way to "
            + at
            + ": a workflow task or an activity never finished (see the warnings above)");
  }

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    testService.shutdownNow();
    operatorService.shutdownNow();
    workflowService.shutdownNow();
    server.close();
  }
}
