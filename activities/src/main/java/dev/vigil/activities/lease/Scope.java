package dev.vigil.activities.lease;

import dev.vigil.workflows.activity.ActionErrors;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A budget scope: {@code key=value} pairs separated by commas ({@code
 * cluster=prod-eu,type=k8s/Pod}; {@code *} or empty is the whole fleet). Keys {@code cluster},
 * {@code type}, {@code namespace} and {@code component} match those columns of {@code
 * resource_state}; any other key (e.g. {@code region}) matches the resource's label of that name.
 */
public record Scope(String text, Map<String, String> pairs) {
  private static final Map<String, String> COLUMNS =
      Map.of(
          "cluster", "cluster", "type", "type", "namespace", "namespace", "component", "component");

  public static Scope parse(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    String trimmed = text == null ? "" : text.trim();
    if (!trimmed.isEmpty() && !trimmed.equals("*")) {
      for (String part : trimmed.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
          throw ApplicationFailure.newNonRetryableFailure(
              "lease scope '" + text + "' is not key=value[,key=value...]",
              ActionErrors.INVALID_PARAMS);
        }
        pairs.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return new Scope(trimmed, Map.copyOf(pairs));
  }

  /** Whether every pair of {@code other} is also in this scope. */
  public boolean covers(Scope other) {
    return pairs.entrySet().containsAll(other.pairs.entrySet());
  }

  /** SQL condition on {@code resource_state} and its parameters, in order. */
  public Condition condition() {
    List<String> clauses = new ArrayList<>();
    List<String> params = new ArrayList<>();
    pairs.forEach(
        (key, value) -> {
          String column = COLUMNS.get(key);
          if (column != null) {
            clauses.add(column + " = ?");
            params.add(value);
          } else {
            clauses.add("labels ->> ? = ?");
            params.add(key);
            params.add(value);
          }
        });
    return new Condition(clauses.isEmpty() ? "true" : String.join(" and ", clauses), params);
  }

  public record Condition(String sql, List<String> params) {}
}
