package dev.vigil.api.fleet;

import dev.vigil.api.tenancy.Tenancy;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /v1/fleet/summary}. */
@Controller("/v1/fleet")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "fleet")
public class FleetController {
  private final FleetService service;
  private final Tenancy tenancy;

  public FleetController(FleetService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @Get("/summary")
  @Operation(
      summary = "Fleet health",
      description =
          "Resources per health state and per remediation phase, with percentages, of the"
              + " token's orgs. Needs state:read.")
  public FleetSummary summary(HttpRequest<?> request) {
    return service.summary(tenancy.caller(request));
  }
}
