package dev.vigil.api.mitigation;

import dev.vigil.api.ApiConfig;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every call the API makes to Temporal, bounded by {@code vigil.api.temporal-timeout}: a query
 * waits for a worker to answer, and an API thread must not hang on a worker that is down. Failures
 * and timeouts become {@link TemporalUnavailableException} (503); a {@link
 * dev.vigil.web.ProblemException} thrown by the call itself passes through.
 */
@Singleton
public class TemporalCalls {
  private final ExecutorService executor;
  private final long timeoutMillis;

  public TemporalCalls(ApiConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.executor = executor;
    this.timeoutMillis = config.temporalTimeout().toMillis();
  }

  public <T> T call(Callable<T> call, String what) {
    Future<T> future = executor.submit(call);
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TemporalUnavailableException(
          "Temporal did not answer the " + what + " within " + timeoutMillis + " ms", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof dev.vigil.web.ProblemException problem) {
        throw problem;
      }
      throw new TemporalUnavailableException(
          "Temporal refused the " + what + ": " + e.getCause().getClass().getSimpleName(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporalUnavailableException("interrupted while waiting for Temporal", e);
    }
  }
}
