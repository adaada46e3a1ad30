package dev.vigil.faults.rig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** POSIX signals to a process and everything it started (kill(1), as an operator would). */
public final class OsSignals {
  private OsSignals() {}

  /** The process and its descendants, parents first. */
  public static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.of(pid)
        .ifPresent(
            root -> {
              pids.add(root.pid());
              root.descendants().forEach(child -> pids.add(child.pid()));
            });
    return pids;
  }

  /** SIGSTOP: the processes freeze; their sockets stay open and nothing answers. */
  public static void stop(List<Long> pids) {
    send("-STOP", pids);
  }

  /** SIGCONT after {@link #stop}. */
  public static void resume(List<Long> pids) {
    send("-CONT", pids);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. Waits until the processes are gone. */
  public static void kill(List<Long> pids) {
    send("-KILL", pids);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (long pid : pids) {
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < deadline) {
        Pause.millis(20);
      }
    }
  }

  private static void send(String signal, List<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("kill", signal));
    pids.forEach(pid -> cmd.add(Long.toString(pid)));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("kill " + signal + " " + pids + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
