package dev.vigil.ingest.outbox;

import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Delivery;
import dev.vigil.platform.VigilConfig;
import dev.vigil.store.contracts.Outbox;
import dev.vigil.workflows.client.RemediationClient;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers observation rows to Temporal: an adverse observation with a policy starts the resource's
 * remediation or signals the running one ({@code signalWithStart}); any other observation only
 * signals a running remediation, and is skipped when none runs. Each call carries a deadline, so a
 * Temporal outage costs one timeout per round instead of the SDK's minute of retries.
 */
@Singleton
@Bean(preDestroy = "close")
public class ObservationDelivery implements OutboxDestination, AutoCloseable {
  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.CANCELLED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.UNAUTHENTICATED);

  private final RemediationClient client;
  private final boolean dryRun;
  private final Duration callTimeout;
  private final IngestMetrics metrics;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "vigil-relay-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  public ObservationDelivery(
      RemediationClient client, VigilConfig vigil, RelayConfig config, IngestMetrics metrics) {
    this.client = client;
    this.dryRun = vigil.dryRun();
    this.callTimeout = config.callTimeout();
    this.metrics = metrics;
  }

  @Override
  public String kind() {
    return Outbox.OBSERVATION;
  }

  /** {@code vigil_ingest_relay_deliveries_total} counts observation rows by outcome. */
  @Override
  public void record(Delivery outcome) {
    metrics.delivered(outcome, 1);
  }

  @Override
  public Delivery deliver(OutboxRow row) {
    ObservationPayload payload = ObservationPayload.fromJson(row.payload());
    Context.CancellableContext context =
        Context.current()
            .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS, deadlines);
    try {
      Delivery outcome = context.call(() -> send(payload));
      if (outcome == Delivery.STARTED) {
        metrics.workflowStarted();
      }
      return outcome;
    } catch (Exception e) {
      StatusRuntimeException status = statusOf(e);
      if (status != null && UNAVAILABLE.contains(status.getStatus().getCode())) {
        throw new DestinationUnavailableException(
            "Temporal unavailable: " + status.getStatus().getCode(), e);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  private Delivery send(ObservationPayload payload) {
    if (payload.observation().healthState().isAdverse() && payload.policy() != null) {
      client.startOrSignal(payload.resource(), payload.policy(), payload.observation(), dryRun);
      return Delivery.STARTED;
    }
    return client.signalIfRunning(payload.observation()) ? Delivery.SIGNALED : Delivery.SKIPPED;
  }

  private static StatusRuntimeException statusOf(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status) {
        return status;
      }
    }
    return null;
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
  }
}
