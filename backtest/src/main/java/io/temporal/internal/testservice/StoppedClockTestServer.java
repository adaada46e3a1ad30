package io.temporal.internal.testservice;

import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-process time-skipping test server, the same services {@code
 * TestWorkflowEnvironment} starts, with one difference: its wall clock is stopped, so virtual time
 * moves only by skipping, never while something is in flight.
 *
 * <p>The stock server's {@code SelfAdvancingTimerImpl} lets virtual time run at wall-clock speed
 * while anything holds the time-skipping lock (a workflow task, an activity, the client), and fires
 * every timer that falls due meanwhile. A workflow timer then fires while a workflow task that
 * cancels it is running, the server refuses that task's {@code CancelTimer}, and the workflow and
 * the time-skipping lock are stuck for good (temporalio/sdk-java#2606 and #3088). With the clock
 * stopped, timers fire only when virtual time is skipped to them, which the server does only while
 * nothing holds the lock.
 *
 * <p>No public API stops that clock: {@code TestEnvironmentOptions} sets the initial time and turns
 * time skipping on or off, and {@code TestService/UnlockTimeSkippingWithSleep} (what {@code
 * TestWorkflowEnvironment.sleep} calls) still lets time run with the wall clock while anything
 * holds the lock. So this class lives in Temporal's package (a split package, fine on the class
 * path): the constructors that take a clock are package-private ({@code TestServicesStarter} passes
 * {@code Clock.systemDefaultZone()}). It uses the internals of temporal-test-server 1.38.0 ({@code
 * SelfAdvancingTimerImpl}, {@code TestService}, {@code TestWorkflowService}, the stores); after a
 * Temporal upgrade CoincidingTimersTest and BacktestWeekTest tell whether they still fit.
 * Everything else a replay does goes through the public gRPC services on {@link #channel()}.
 */
public final class StoppedClockTestServer implements Closeable {
  private static final Clock STOPPED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  /** The lock on time skipping the client holds whenever it is not waiting for time to move. */
  private static final int CLIENT_LOCKS = 1;

  private final SettlingTimer timer;
  private final TestVisibilityStore visibilityStore;
  private final TestOperatorService operatorService;
  private final TestService testService;
  private final TestWorkflowService workflowService;
  private final InProcessGRPCServer grpc;

  private StoppedClockTestServer(Instant start) {
    timer = new SettlingTimer(new SelfAdvancingTimerImpl(start.toEpochMilli(), STOPPED));
    TestWorkflowStore store = new TestWorkflowStoreImpl(timer);
    TestNexusEndpointStore nexusEndpoints = new TestNexusEndpointStoreImpl();
    visibilityStore = new TestVisibilityStoreImpl();
    operatorService = new TestOperatorService(visibilityStore, nexusEndpoints);
    // Time skipping starts locked, as in TestWorkflowEnvironment: it is unlocked only while the
    // client waits (TestService/UnlockTimeSkippingWithSleep).
    testService = new TestService(store, timer, true);
    workflowService = new TestWorkflowService(store, visibilityStore, nexusEndpoints, timer);
    grpc = new InProcessGRPCServer(List.of(operatorService, testService, workflowService));
  }

  /** Starts a server whose virtual time begins at {@code start}. */
  public static StoppedClockTestServer start(Instant start) {
    return new StoppedClockTestServer(start);
  }

  /** The in-process channel to the workflow, operator and test services. */
  public ManagedChannel channel() {
    return grpc.getChannel();
  }

  /** The server's virtual time, read directly (what {@code TestService/GetCurrentTime} answers). */
  public Instant now() {
    return Instant.ofEpochMilli(timer.getClock().getAsLong());
  }

  /**
   * Waits until everything in flight at the current instant has finished: the timers that fired
   * there, the workflow tasks and activities they and the client's calls set off, and whatever
   * those set off in turn. Call it between moves of time, while the client holds time skipping.
   *
   * @return false when that did not happen within {@code timeout}
   */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    return timer.awaitSettled(CLIENT_LOCKS, timeout);
  }

  @Override
  public void close() {
    grpc.shutdown();
    grpc.awaitTermination(5, TimeUnit.SECONDS);
    // The workflow service closes the store, which stops the timer.
    workflowService.close();
    operatorService.close();
    testService.close();
    visibilityStore.close();
  }
}
