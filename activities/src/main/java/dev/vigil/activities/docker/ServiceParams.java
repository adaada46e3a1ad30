package dev.vigil.activities.docker;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.policy.Durations;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.regex.Pattern;

/** Validated inputs shared by the Docker actions; bad input fails with {@code InvalidParams}. */
final class ServiceParams {
  static final String RESOURCE_PREFIX = "docker/service/";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,200}");

  private ServiceParams() {}

  /** The service: the resource's name, else the tail of a {@code docker/service/<name>} id. */
  static String service(ActionRequest request) {
    String name = request.resource() == null ? null : request.resource().name();
    if ((name == null || name.isBlank()) && request.resource() != null) {
      String id = request.resource().id();
      if (id != null && id.startsWith(RESOURCE_PREFIX)) {
        name = id.substring(RESOURCE_PREFIX.length());
      }
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw invalid(
          request.action()
              + " needs a docker service name (resource name or id docker/service/<name>), got '"
              + name
              + "'");
    }
    return name;
  }

  static int replicas(ActionRequest request, int max) {
    String value = request.params().get("replicas");
    try {
      int replicas = Integer.parseInt(value == null ? "" : value.trim());
      if (replicas >= 0 && replicas <= max) {
        return replicas;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(
        request.action()
            + " needs params.replicas between 0 and "
            + max
            + " (vigil.docker.max-replicas), got '"
            + value
            + "'");
  }

  static Duration readinessTimeout(ActionRequest request, Duration fallback) {
    String value = request.params().get("readinessTimeout");
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Duration timeout = Durations.parse(value);
      if (!timeout.isZero() && !timeout.isNegative()) {
        return timeout;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw invalid(
        request.action()
            + " needs a positive params.readinessTimeout (e.g. 30s, 2m), got '"
            + value
            + "'");
  }

  static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActionErrors.INVALID_PARAMS);
  }
}
