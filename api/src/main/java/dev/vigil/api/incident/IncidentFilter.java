package dev.vigil.api.incident;

import dev.vigil.api.ApiInput;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.activity.IncidentStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;

/** The filters of {@code GET /v1/incidents}; optional, combined with AND. */
@Serdeable.Serializable
public record IncidentFilter(@Nullable String status, @Nullable String resourceId) {

  public IncidentFilter {
    status = status == null || status.isBlank() ? null : status.trim();
    resourceId =
        resourceId == null || resourceId.isBlank()
            ? null
            : ApiInput.resourceId(resourceId, "resourceId");
    if (status != null && !known(status)) {
      throw new ProblemException(
          Problems.badRequest(
              "status must be one of open, mitigating, resolved, failed, terminal, cancelled",
              "status"));
    }
  }

  private static boolean known(String status) {
    return Arrays.stream(IncidentStatus.values()).anyMatch(s -> s.wire().equals(status));
  }
}
