package dev.vigil.api.incident;

import dev.vigil.api.ApiInput;
import dev.vigil.api.paging.Page;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.store.contracts.Incident;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /v1/incidents}: incidents, newest first, with timeline and actions. */
@Controller("/v1/incidents")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "incidents")
public class IncidentController {
  private final IncidentService service;
  private final Tenancy tenancy;

  public IncidentController(IncidentService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @Get
  @Operation(
      summary = "List incidents",
      description = "Newest first, of the token's orgs. Needs state:read.")
  public Page<Incident> list(
      @Parameter(description = "open, mitigating, resolved, failed, terminal or cancelled")
          @QueryValue
          @Nullable
          String status,
      @Parameter(description = "the resource id") @QueryValue @Nullable String resourceId,
      @Parameter(description = "page size (default 50, at most 500)") @QueryValue @Nullable
          Integer limit,
      @Parameter(description = "nextCursor of the previous page") @QueryValue @Nullable
          String cursor,
      HttpRequest<?> request) {
    return service.list(
        tenancy.caller(request), new IncidentFilter(status, resourceId), limit, cursor);
  }

  @Get("/{id}")
  @Operation(
      summary = "One incident",
      description =
          "With its timeline, its action attempts and any rung awaiting approval; 404 for an"
              + " incident of another org. Needs state:read.")
  public IncidentDetail get(@PathVariable String id, HttpRequest<?> request) {
    return service.detail(tenancy.caller(request), ApiInput.name(id, "id"));
  }
}
