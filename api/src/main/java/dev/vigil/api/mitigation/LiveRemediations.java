package dev.vigil.api.mitigation;

import dev.vigil.api.ApiConfig;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.RemediationStatus;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's calls to running remediations, each bounded by {@code vigil.api.temporal-timeout}: a
 * {@code status()} query waits for a worker to answer, and an API thread must not hang on a worker
 * that is down. Failures and timeouts become {@link TemporalUnavailableException}.
 */
@Singleton
public class LiveRemediations {
  private final RemediationClient client;
  private final ExecutorService executor;
  private final long timeoutMillis;

  public LiveRemediations(
      RemediationClient client,
      ApiConfig config,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.client = client;
    this.executor = executor;
    this.timeoutMillis = config.temporalTimeout().toMillis();
  }

  /** The running remediation's {@code status()}, or empty when the resource has none running. */
  public Optional<RemediationStatus> status(String resourceId) {
    return call(() -> client.status(resourceId), "status of the remediation of " + resourceId);
  }

  /** Signals {@code cancelMitigation}; false when no remediation runs. */
  public boolean cancel(String resourceId, CancelRequest request) {
    return call(() -> client.cancel(resourceId, request), "cancel signal to " + resourceId);
  }

  /** Signals {@code decideApproval}; false when no remediation runs. */
  public boolean decideApproval(String resourceId, ApprovalDecision decision) {
    return call(
        () -> client.decideApproval(resourceId, decision), "approval signal to " + resourceId);
  }

  private <T> T call(Callable<T> call, String what) {
    Future<T> future = executor.submit(call);
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TemporalUnavailableException(
          "Temporal did not answer the " + what + " within " + timeoutMillis + " ms", e);
    } catch (ExecutionException e) {
      throw new TemporalUnavailableException(
          "Temporal refused the " + what + ": " + e.getCause().getClass().getSimpleName(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporalUnavailableException("interrupted while waiting for Temporal", e);
    }
  }
}
