package dev.vigil.api.action;

import dev.vigil.api.ApiInput;
import dev.vigil.api.mitigation.ApprovalBody;
import dev.vigil.api.mitigation.SignalAccepted;
import dev.vigil.api.tenancy.Tenancy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/** Operator actions: ask for one action of the catalog on a resource, follow it, approve it. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "actions")
public class ActionController {
  private final ActionService service;
  private final Tenancy tenancy;

  public ActionController(ActionService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @Post("/resources/{id}/actions")
  @Operation(
      summary = "Ask for an operator action on a resource",
      description =
          "Runs one action of the catalog (docker.scale, docker.restart, k8s.deletePod,"
              + " k8s.rolloutRestart, k8s.scale, k8s.cordon, k8s.uncordon, k8s.drain,"
              + " k8s.patchResources) as its own workflow action:<resourceId>:<actionId>, through"
              + " the storm guard (it waits THROTTLED while the scope is over budget) and the"
              + " action journal, as a ladder rung does. Body {action, target, params, dryRun,"
              + " requireApproval}. Follow it with GET /v1/actions/{actionId}. Needs action:write.")
  @ApiResponse(responseCode = "202", description = "started; the body carries the action id")
  @ApiResponse(responseCode = "400", description = "unknown action, or params it does not accept")
  @ApiResponse(responseCode = "404", description = "no such resource")
  public HttpResponse<OperatorAction> request(
      HttpRequest<?> request, @PathVariable String id, @Body @Nullable ActionBody body) {
    OperatorAction action =
        service.request(ApiInput.resourceId(id, "id"), body, tenancy.caller(request));
    return HttpResponse.accepted(URI.create("/v1/actions/" + action.id())).body(action);
  }

  @Get("/actions/{id}")
  @Operation(
      summary = "An operator action's status",
      description =
          "From the running workflow, or from the record once it has ended. Needs state:read.")
  @ApiResponse(responseCode = "404", description = "no such action")
  public OperatorAction get(@PathVariable String id, HttpRequest<?> request) {
    return service.status(tenancy.caller(request), ApiInput.name(id, "id"));
  }

  @Post("/actions/{id}/approval")
  @Operation(
      summary = "Approve or reject an operator action",
      description =
          "For an action asked with requireApproval while it is AWAITING_APPROVAL. Body"
              + " {decision: approve|reject, comment}. Needs approval:write.")
  @ApiResponse(responseCode = "202", description = "the decision was delivered")
  @ApiResponse(responseCode = "404", description = "no such action, or it has ended")
  @ApiResponse(responseCode = "409", description = "the action is not awaiting approval")
  public HttpResponse<SignalAccepted> decide(
      HttpRequest<?> request, @PathVariable String id, @Body @Nullable ApprovalBody body) {
    return HttpResponse.accepted()
        .body(service.decide(ApiInput.name(id, "id"), body, tenancy.caller(request)));
  }
}
