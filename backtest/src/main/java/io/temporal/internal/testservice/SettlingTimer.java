package io.temporal.internal.testservice;

import io.temporal.workflow.Functions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The test server's timer, seen from outside: it passes every call to {@link
 * SelfAdvancingTimerImpl} and keeps count of what is in flight, so a caller can wait until the
 * instant it stands at has settled ({@link #awaitSettled}).
 *
 * <p>In flight means a time-skipping lock that the server holds (a workflow task from scheduled to
 * completed, an activity from scheduled to finished, a timer callback while it runs) or a timer
 * callback that is due and has not finished. Both are needed: the timer fires every callback due at
 * an instant in one sweep, before any of them has run and taken its lock.
 */
final class SettlingTimer implements SelfAdvancingTimer {
  private final SelfAdvancingTimerImpl timer;
  private final LongSupplier clock;

  /** Guarded by {@code this}: locks held through this timer, and unfinished callbacks by time. */
  private int locks;

  private final TreeMap<Long, Integer> unfinished = new TreeMap<>();

  SettlingTimer(SelfAdvancingTimerImpl timer) {
    this.timer = timer;
    this.clock = timer.getClock();
  }

  /**
   * Waits until nothing is in flight but the {@code held} time-skipping locks of the caller and no
   * callback due by now is unfinished. Virtual time cannot move meanwhile: the caller's locks hold
   * it.
   *
   * @return false when that did not happen within {@code timeout}
   */
  boolean awaitSettled(int held, Duration timeout) throws InterruptedException {
    long now = clock.getAsLong();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (locks > held || !unfinished.headMap(now, true).isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public Functions.Proc schedule(Duration delay, Runnable task) {
    return schedule(delay, task, "unknown");
  }

  @Override
  public Functions.Proc schedule(Duration delay, Runnable task, String taskInfo) {
    // The server's time only moves while nothing holds a lock, and whoever schedules holds one.
    return scheduleAt(Instant.ofEpochMilli(clock.getAsLong()).plus(delay), task, taskInfo);
  }

  @Override
  public Functions.Proc scheduleAt(Instant timestamp, Runnable task, String taskInfo) {
    Callback callback = new Callback(timestamp.toEpochMilli(), task);
    synchronized (this) {
      unfinished.merge(callback.at, 1, Integer::sum);
    }
    Functions.Proc cancel = timer.scheduleAt(timestamp, callback, taskInfo);
    return () -> {
      cancel.apply();
      callback.cancel();
    };
  }

  @Override
  public LongSupplier getClock() {
    return clock;
  }

  @Override
  public LockHandle lockTimeSkipping(String caller) {
    synchronized (this) {
      locks++;
    }
    LockHandle handle = timer.lockTimeSkipping(caller);
    return new LockHandle() {
      @Override
      public void unlock() {
        handle.unlock();
        released(1, false);
      }

      @Override
      public void unlock(String by) {
        handle.unlock(by);
        released(1, false);
      }
    };
  }

  @Override
  public void unlockTimeSkipping(String caller) {
    timer.unlockTimeSkipping(caller);
    released(1, false);
  }

  @Override
  public Instant skip(Duration duration) {
    return timer.skip(duration);
  }

  @Override
  public void skipTo(Instant timestamp) {
    timer.skipTo(timestamp);
  }

  @Override
  public void updateLocks(List<RequestContext.TimerLockChange> updates) {
    int taken = 0;
    for (RequestContext.TimerLockChange update : updates) {
      taken += update.getChange() > 0 ? 1 : 0;
    }
    // Count a lock before it is taken and after it is released, never the other way round.
    synchronized (this) {
      locks += taken;
    }
    timer.updateLocks(updates);
    // Unlike the other unlocks, this one does not wake the timer's pump, which waits out the wall
    // time to its next callback; a stopped clock never ends that wait.
    released(updates.size() - taken, true);
  }

  @Override
  public void getDiagnostics(StringBuilder result) {
    timer.getDiagnostics(result);
  }

  @Override
  public void shutdown() {
    timer.shutdown();
  }

  private void released(int count, boolean wakePump) {
    if (count == 0) {
      return;
    }
    synchronized (this) {
      locks -= count;
      notifyAll();
    }
    if (wakePump) {
      timer.pump();
    }
  }

  private synchronized void finished(long at) {
    unfinished.computeIfPresent(at, (time, count) -> count == 1 ? null : count - 1);
    notifyAll();
  }

  /**
   * A callback as the timer runs it: unfinished from scheduled until it has run or is cancelled.
   */
  private final class Callback implements Runnable {
    private final long at;
    private final Runnable task;

    /** Guarded by {@link SettlingTimer}{@code .this}. */
    private boolean done;

    private boolean running;

    Callback(long at, Runnable task) {
      this.at = at;
      this.task = task;
    }

    @Override
    public void run() {
      synchronized (SettlingTimer.this) {
        if (done) {
          // Cancelled after the timer had taken it: it runs all the same, so it counts again.
          done = false;
          unfinished.merge(at, 1, Integer::sum);
        }
        running = true;
      }
      try {
        task.run();
      } finally {
        synchronized (SettlingTimer.this) {
          running = false;
          done = true;
        }
        finished(at);
      }
    }

    void cancel() {
      synchronized (SettlingTimer.this) {
        if (done || running) {
          return;
        }
        done = true;
      }
      finished(at);
    }
  }
}
