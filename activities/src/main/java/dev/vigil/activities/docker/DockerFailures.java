package dev.vigil.activities.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.vigil.workflows.activity.ActionErrors;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;

/**
 * Classifies docker-java errors for Temporal: permanent ones (404, 401/403, 400) become
 * non-retryable {@link ActionErrors} types so the ladder moves on; a daemon that cannot be reached
 * or answers 5xx stays retryable.
 */
final class DockerFailures {
  static final String DOCKER_UNAVAILABLE = "DockerUnavailable";
  static final String DOCKER_ERROR = "DockerError";

  private DockerFailures() {}

  static RuntimeException classify(RuntimeException e, String host) {
    if (e instanceof ApplicationFailure || e instanceof ActivityCompletionException) {
      return e;
    }
    if (e instanceof NotFoundException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          "not found: " + clean(e), ActionErrors.TARGET_NOT_FOUND, e);
    }
    if (e instanceof UnauthorizedException
        || (e instanceof DockerException d && d.getHttpStatus() == 403)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          "docker daemon refused: " + clean(e), ActionErrors.FORBIDDEN, e);
    }
    if (e instanceof BadRequestException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          "docker daemon rejected the request: " + clean(e), ActionErrors.INVALID_PARAMS, e);
    }
    if (e instanceof DockerException) {
      return ApplicationFailure.newFailureWithCause(
          "docker daemon error: " + clean(e), DOCKER_ERROR, e);
    }
    return ApplicationFailure.newFailureWithCause(
        "docker daemon at " + host + " unreachable: " + clean(e), DOCKER_UNAVAILABLE, e);
  }

  private static String clean(RuntimeException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.strip();
  }
}
