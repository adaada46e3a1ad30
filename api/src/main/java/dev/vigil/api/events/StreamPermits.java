package dev.vigil.api.events;

import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.web.audit.AuditLog;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many event streams each caller (token subject) holds, SSE, WebSocket and gRPC together: one
 * more than {@code vigil.api.events.max-streams-per-caller} is refused (429, a WebSocket close
 * code, RESOURCE_EXHAUSTED), so one dashboard in a reconnect loop cannot hold every buffer. With
 * security off every caller is {@code anonymous} and none is limited.
 */
@Singleton
public class StreamPermits {
  private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();
  private final int max;

  public StreamPermits(EventsConfig config) {
    this.max = config.maxStreamsPerCaller();
  }

  /** One stream's hold; closing it (once or more) gives it back. */
  public final class Permit implements AutoCloseable {
    private final String caller;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(String caller) {
      this.caller = caller;
    }

    @Override
    public void close() {
      if (caller != null && released.compareAndSet(false, true)) {
        held.computeIfPresent(caller, (k, n) -> n <= 1 ? null : n - 1);
      }
    }
  }

  /** A permit for one more stream of {@code caller}; 429 when it holds the most it may. */
  public Permit acquire(String caller) {
    if (AuditLog.ANONYMOUS.equals(caller)) {
      return new Permit(null);
    }
    held.compute(
        caller,
        (k, n) -> {
          int now = n == null ? 0 : n;
          if (now >= max) {
            throw new ProblemException(
                Problems.tooManyRequests(
                    "'"
                        + caller
                        + "' already holds "
                        + now
                        + " event streams (SSE, WebSocket and gRPC together, at most "
                        + max
                        + "); close one first"));
          }
          return now + 1;
        });
    return new Permit(caller);
  }

  /** Streams {@code caller} holds now. */
  public int held(String caller) {
    return held.getOrDefault(caller, 0);
  }
}
