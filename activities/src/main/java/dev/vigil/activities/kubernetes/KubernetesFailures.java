package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionErrors;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns API errors into activity failures the workflow can act on: 404, 403 and 400/422 are
 * permanent ({@link ActionErrors}); conflicts, throttling, server errors and broken connections are
 * retried by Temporal.
 */
final class KubernetesFailures {
  /** Failure type of a retryable Kubernetes API error. */
  static final String API_UNAVAILABLE = "KubernetesApiUnavailable";

  private KubernetesFailures() {}

  static ApplicationFailure translate(String doing, KubernetesClientException e) {
    int code = e.getCode();
    String message = doing + " failed: " + reason(e);
    return switch (code) {
      case 404 -> ApplicationFailure.newNonRetryableFailure(message, ActionErrors.TARGET_NOT_FOUND);
      case 403 -> ApplicationFailure.newNonRetryableFailure(message, ActionErrors.FORBIDDEN);
      case 400, 422 ->
          ApplicationFailure.newNonRetryableFailure(message, ActionErrors.INVALID_PARAMS);
      default -> ApplicationFailure.newFailureWithCause(message, API_UNAVAILABLE, e);
    };
  }

  static ApplicationFailure notFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.TARGET_NOT_FOUND);
  }

  static ApplicationFailure invalidParams(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.INVALID_PARAMS);
  }

  static ApplicationFailure blockedByPolicy(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.BLOCKED_BY_POLICY);
  }

  static ApplicationFailure unsupported(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.UNSUPPORTED_ACTION);
  }

  private static String reason(KubernetesClientException e) {
    String status = e.getStatus() == null ? null : e.getStatus().getMessage();
    String text = status != null && !status.isBlank() ? status : e.getMessage();
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + text;
  }
}
