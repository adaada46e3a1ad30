package dev.vigil.activities.docker;

/**
 * Tells Temporal the activity is alive while it waits, with a progress line as details ({@code
 * Activity.getExecutionContext()::heartbeat} in an activity). Throws when the activity was
 * cancelled, which ends the wait.
 */
@FunctionalInterface
public interface Heartbeat {
  void beat(String progress);
}
