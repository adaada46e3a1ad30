package dev.vigil.api.resource;

import dev.vigil.api.ApiInput;
import dev.vigil.api.paging.Page;
import dev.vigil.api.tenancy.Tenancy;
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

/** {@code /v1/resources}: per-resource health state with its remediation status. */
@Controller("/v1/resources")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "resources")
public class ResourceController {
  private final ResourceService service;
  private final Tenancy tenancy;

  public ResourceController(ResourceService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @Get
  @Operation(
      summary = "List resources",
      description =
          "Filters combine with AND; pages are ordered by id. Pass nextCursor back as cursor."
              + " Needs state:read; only resources of the token's orgs (404 for others).")
  public Page<ResourceView> list(
      @Parameter(description = "Healthy, Degraded or Unhealthy") @QueryValue @Nullable
          String healthState,
      @Parameter(description = "resource type, e.g. k8s/Pod") @QueryValue @Nullable String type,
      @Parameter(description = "cluster name") @QueryValue @Nullable String cluster,
      @Parameter(description = "page size (default 50, at most 500)") @QueryValue @Nullable
          Integer limit,
      @Parameter(description = "nextCursor of the previous page") @QueryValue @Nullable
          String cursor,
      HttpRequest<?> request) {
    return service.list(
        tenancy.caller(request), new ResourceFilter(healthState, type, cluster), limit, cursor);
  }

  @Get("/{id}")
  @Operation(
      summary = "One resource",
      description =
          "The id URL-encoded (ids contain slashes). mitigationStatus comes from the running"
              + " workflow when one runs. Needs state:read; only resources of the token's orgs (404 for others).")
  public ResourceView get(@PathVariable String id, HttpRequest<?> request) {
    return service.get(tenancy.caller(request), ApiInput.resourceId(id, "id"));
  }
}
