package dev.vigil.api.mitigation;

import dev.vigil.api.ApiInput;
import dev.vigil.api.tenancy.Tenancy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The API's mutations: signals to running remediations. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "mitigation")
public class MitigationController {
  private final MitigationService service;
  private final Tenancy tenancy;

  public MitigationController(MitigationService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @Post("/resources/{id}/mitigation/cancel")
  @Operation(
      summary = "Cancel a running remediation",
      description =
          "Signals cancelMitigation(by = the token's subject, reason): the workflow runs its"
              + " compensations and ends CANCELLED. Needs mitigation:write.")
  @ApiResponse(responseCode = "202", description = "the signal was delivered")
  @ApiResponse(responseCode = "404", description = "no remediation runs for the resource")
  public HttpResponse<SignalAccepted> cancel(
      HttpRequest<?> request, @PathVariable String id, @Body @Nullable CancelBody body) {
    return HttpResponse.accepted()
        .body(service.cancel(ApiInput.resourceId(id, "id"), body, tenancy.caller(request)));
  }

  @Post("/incidents/{id}/approvals/{step}")
  @Operation(
      summary = "Approve or reject a rung awaiting approval",
      description =
          "step is the 1-based rung number shown as pendingApproval.step. Needs approval:write.")
  @ApiResponse(responseCode = "202", description = "the decision was delivered")
  @ApiResponse(responseCode = "404", description = "unknown incident or its remediation ended")
  @ApiResponse(responseCode = "409", description = "that step is not awaiting approval")
  public HttpResponse<SignalAccepted> decide(
      HttpRequest<?> request,
      @PathVariable String id,
      @PathVariable int step,
      @Body @Nullable ApprovalBody body) {
    return HttpResponse.accepted()
        .body(service.decide(ApiInput.name(id, "id"), step, body, tenancy.caller(request)));
  }
}
