package dev.vigil.platform.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;

/**
 * Readiness of one dependency (PostgreSQL, Kafka, Temporal), checked in the background so the probe
 * itself never waits on it: {@code /health/readiness} answers at once from the last result, even
 * while the dependency hangs (a stopped process, a partition). A check that does not finish within
 * {@code vigil.health.timeout} counts as DOWN ("no answer within ..."); while it still hangs no
 * second check is started. The result names the dependency, since when it is in that state and why
 * it is down.
 */
public abstract class DependencyProbe implements HealthIndicator {
  /** Longest the very first probe waits for the first check (probes must answer within 1 s). */
  static final long FIRST_RESULT_WAIT_MILLIS = 800;

  private final String name;
  private final HealthConfig config;
  private final Clock clock;
  private final ScheduledExecutorService schedule;
  private final ExecutorService checks;
  private final CountDownLatch firstResult = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicBoolean started =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Status status;
  private CompletableFuture<Void> inFlight;
  private Instant inFlightSince;

  /** The last outcome of the check. */
  record Status(boolean up, String error, Instant since, Instant checkedAt) {}

  protected DependencyProbe(String name, HealthConfig config) {
    this(name, config, Clock.systemUTC());
  }

  DependencyProbe(String name, HealthConfig config, Clock clock) {
    this.name = name;
    this.config = config;
    this.clock = clock;
    Instant now = clock.instant();
    this.status = new Status(false, "not checked yet", now, now);
    this.schedule =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vigil-health-" + name).factory());
    this.checks =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-check").factory());
  }

  /**
   * Starts the background checks: at the end of a concrete probe's constructor, else when the probe
   * is first asked. Never in this constructor: a subclass's fields (the data source a check uses)
   * are set only after it returns, and a check scheduled from here could run first and record a
   * NullPointerException as the dependency's state.
   */
  protected final void start() {
    if (started.compareAndSet(false, true)) {
      schedule.scheduleWithFixedDelay(
          this::refresh, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Throws when the dependency does not answer as it should; runs on a thread of its own. */
  protected abstract void check(Duration timeout) throws Exception;

  public String name() {
    return name;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    start();
    if (firstResult.getCount() == 0) {
      return Publishers.just(result());
    }
    // Only right after start: give the first check a moment rather than report "not checked",
    // within the second a probe may take.
    return Publishers.fromCompletableFuture(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                firstResult.await(
                    Math.min(config.timeout().toMillis(), FIRST_RESULT_WAIT_MILLIS),
                    TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return result();
            },
            checks));
  }

  HealthResult result() {
    start();
    Status s = status;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("since", s.since().toString());
    details.put("checkedAt", s.checkedAt().toString());
    if (!s.up()) {
      details.put("error", s.error());
    }
    return HealthResult.builder(name, s.up() ? HealthStatus.UP : HealthStatus.DOWN)
        .details(details)
        .build();
  }

  /** Runs one check (or notes that the previous one still hangs) and records the outcome. */
  void refresh() {
    Instant now = clock.instant();
    synchronized (this) {
      if (inFlight != null && !inFlight.isDone()) {
        record(
            false, "no answer for " + Duration.between(inFlightSince, now).toMillis() + " ms", now);
        return;
      }
      inFlightSince = now;
      inFlight =
          CompletableFuture.runAsync(
              () -> {
                try {
                  check(config.timeout());
                } catch (Exception e) {
                  throw new CheckFailed(e);
                }
              },
              checks);
    }
    try {
      inFlight.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      record(true, null, clock.instant());
    } catch (TimeoutException e) {
      record(false, "no answer within " + config.timeout().toMillis() + " ms", clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() instanceof CheckFailed failed ? failed.getCause() : e;
      record(false, describe(cause), clock.instant());
    }
  }

  private void record(boolean up, String error, Instant at) {
    Status previous = status;
    status = new Status(up, error, previous.up() == up ? previous.since() : at, at);
    firstResult.countDown();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @PreDestroy
  void stop() {
    schedule.shutdownNow();
    checks.shutdownNow();
  }

  private static final class CheckFailed extends RuntimeException {
    CheckFailed(Exception cause) {
      super(cause);
    }
  }
}
