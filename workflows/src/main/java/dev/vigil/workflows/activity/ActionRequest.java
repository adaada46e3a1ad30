package dev.vigil.workflows.activity;

import dev.vigil.workflows.workflow.ResourceRef;
import java.util.Map;

/**
 * Input of every action activity (Docker and Kubernetes): the one record per method that lets
 * fields be added without breaking recorded histories.
 *
 * @param context caller, idempotency key and dry-run flag
 * @param resource the resource under repair
 * @param action the action name ({@code docker.scale}, ...), for the journal and messages
 * @param target {@code self}, {@code owner} or {@code node}
 * @param params action parameters as strings; the activity validates them
 */
public record ActionRequest(
    ActionContext context,
    ResourceRef resource,
    String action,
    String target,
    Map<String, String> params) {

  public ActionRequest {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public String param(String name, String fallback) {
    return params.getOrDefault(name, fallback);
  }
}
