package dev.vigil.worker.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test activities did, across every worker context of the JVM: which worker started,
 * finished or was interrupted in which attempt, and which effects were applied. Tests reset it.
 */
public final class ActivityLog {
  /** One attempt of one activity on one worker. */
  public record Run(String worker, String key, int attempt) {}

  private static final List<Run> STARTED = new CopyOnWriteArrayList<>();
  private static final List<Run> COMPLETED = new CopyOnWriteArrayList<>();
  private static final List<Run> INTERRUPTED = new CopyOnWriteArrayList<>();
  private static final Map<String, String> EFFECTS = new ConcurrentHashMap<>();
  private static final Set<String> CRASHED = ConcurrentHashMap.newKeySet();

  private ActivityLog() {}

  public static void reset() {
    STARTED.clear();
    COMPLETED.clear();
    INTERRUPTED.clear();
    EFFECTS.clear();
    CRASHED.clear();
  }

  /** From now on the worker behaves as a dead process: its activities freeze and write nothing. */
  public static void crash(String worker) {
    CRASHED.add(worker);
  }

  static boolean crashed(String worker) {
    return CRASHED.contains(worker);
  }

  static void started(Run run) {
    STARTED.add(run);
  }

  static void completed(Run run) {
    COMPLETED.add(run);
  }

  static void interrupted(Run run) {
    INTERRUPTED.add(run);
  }

  /** Applies an effect once per key (a replica created, ...); returns whether this call did it. */
  static boolean applyEffect(String key, String worker) {
    return EFFECTS.putIfAbsent(key, worker) == null;
  }

  public static List<Run> started() {
    return List.copyOf(STARTED);
  }

  public static List<Run> completed() {
    return List.copyOf(COMPLETED);
  }

  public static List<Run> interrupted() {
    return List.copyOf(INTERRUPTED);
  }

  public static Map<String, String> effects() {
    return Map.copyOf(EFFECTS);
  }
}
