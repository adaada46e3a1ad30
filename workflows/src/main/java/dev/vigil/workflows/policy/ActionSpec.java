package dev.vigil.workflows.policy;

import java.util.Map;

/** An action with its target and parameters: a rung's action or its compensation. */
public record ActionSpec(String action, String target, Map<String, String> params) {

  public ActionSpec {
    params = params == null ? Map.of() : Map.copyOf(params);
    target = target == null ? Rung.TARGET_SELF : target;
  }
}
