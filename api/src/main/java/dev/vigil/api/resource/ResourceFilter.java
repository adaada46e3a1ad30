package dev.vigil.api.resource;

import dev.vigil.api.ApiInput;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.workflow.HealthState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;

/** The filters of {@code GET /v1/resources}; each is optional and they combine with AND. */
@Serdeable.Serializable
public record ResourceFilter(
    @Nullable String healthState, @Nullable String type, @Nullable String cluster) {

  public ResourceFilter {
    healthState = blankToNull(healthState);
    type = blankToNull(type);
    cluster = ApiInput.name(blankToNull(cluster), "cluster");
    type = ApiInput.name(type, "type");
    if (healthState != null && !known(healthState)) {
      throw new ProblemException(
          Problems.badRequest(
              "healthState must be one of Healthy, Degraded, Unhealthy", "healthState"));
    }
  }

  private static boolean known(String healthState) {
    return Arrays.stream(HealthState.values()).anyMatch(h -> h.name().equals(healthState));
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
