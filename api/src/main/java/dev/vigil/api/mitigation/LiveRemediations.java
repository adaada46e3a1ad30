package dev.vigil.api.mitigation;

import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.CancelRequest;
import dev.vigil.workflows.workflow.RemediationStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The API's calls to running remediations, each bounded by {@code vigil.api.temporal-timeout}
 * ({@link TemporalCalls}): failures and timeouts become {@link TemporalUnavailableException}.
 */
@Singleton
public class LiveRemediations {
  private final RemediationClient client;
  private final TemporalCalls temporal;

  public LiveRemediations(RemediationClient client, TemporalCalls temporal) {
    this.client = client;
    this.temporal = temporal;
  }

  /** The running remediation's {@code status()}, or empty when the resource has none running. */
  public Optional<RemediationStatus> status(String resourceId) {
    return temporal.call(
        () -> client.status(resourceId), "status of the remediation of " + resourceId);
  }

  /** Signals {@code cancelMitigation}; false when no remediation runs. */
  public boolean cancel(String resourceId, CancelRequest request) {
    return temporal.call(
        () -> client.cancel(resourceId, request), "cancel signal to " + resourceId);
  }

  /** Signals {@code decideApproval}; false when no remediation runs. */
  public boolean decideApproval(String resourceId, ApprovalDecision decision) {
    return temporal.call(
        () -> client.decideApproval(resourceId, decision), "approval signal to " + resourceId);
  }
}
