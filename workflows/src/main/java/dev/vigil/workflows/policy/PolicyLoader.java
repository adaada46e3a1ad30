package dev.vigil.workflows.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the policies YAML of docs/design.md ("Policies") into {@link Policy} snapshots with every
 * default filled in, and rejects what cannot work (unknown actions, bad durations, duplicate names)
 * with the path of the offending field.
 */
public final class PolicyLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> SCOPE_DIMENSIONS = Set.of("cluster", "type", "namespace");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private PolicyLoader() {}

  public static List<Policy> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policies file " + file, e);
    }
  }

  public static List<Policy> load(InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new PolicyException("policies file is not valid YAML: " + e.getMessage(), e);
    }
    return parse(root);
  }

  public static List<Policy> parse(String yaml) {
    try {
      return parse(YAML.readTree(yaml));
    } catch (IOException e) {
      throw new PolicyException("policies file is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static List<Policy> parse(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    JsonNode list = root.path("policies");
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new PolicyException("policies: must be a list");
    }
    List<Policy> policies = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Policy policy = policy(list.get(i), "policies[" + i + "]");
      if (!names.add(policy.name())) {
        throw new PolicyException(
            "policies[" + i + "].name: duplicate name '" + policy.name() + "'");
      }
      policies.add(policy);
    }
    return List.copyOf(policies);
  }

  private static Policy policy(JsonNode node, String path) {
    String name = requiredText(node, "name", path);
    PolicyMatch match = match(node.path("match"), path + ".match");
    JsonNode ladderNode = node.path("ladder");
    if (!ladderNode.isArray() || ladderNode.isEmpty()) {
      throw new PolicyException(path + ".ladder: must be a non-empty list of rungs");
    }
    List<Rung> ladder = new ArrayList<>();
    for (int r = 0; r < ladderNode.size(); r++) {
      ladder.add(rung(ladderNode.get(r), path + ".ladder[" + r + "]"));
    }
    int maxAttempts =
        node.has("maxAttempts") ? positiveInt(node, "maxAttempts", path) : ladder.size();
    PageSpec page = PageSpec.DEFAULT;
    if (node.has("page")) {
      String severity = node.path("page").path("severity").asText("critical");
      if (!SEVERITIES.contains(severity)) {
        throw new PolicyException(path + ".page.severity: must be one of " + SEVERITIES);
      }
      page = new PageSpec(severity);
    }
    List<String> budgetScope = stringList(node.path("budgetScope"), path + ".budgetScope");
    for (String dimension : budgetScope) {
      if (!SCOPE_DIMENSIONS.contains(dimension)) {
        throw new PolicyException(
            path + ".budgetScope: unknown dimension '" + dimension + "', use " + SCOPE_DIMENSIONS);
      }
    }
    return new Policy(
        name,
        match,
        duration(node, "recurrenceWindow", path, Policy.DEFAULT_RECURRENCE_WINDOW),
        maxAttempts,
        ladder,
        page,
        stringList(node.path("revertOn"), path + ".revertOn"),
        node.path("dryRun").asBoolean(false),
        budgetScope.isEmpty() ? Policy.DEFAULT_BUDGET_SCOPE : budgetScope,
        duration(node, "approvalTimeout", path, Policy.DEFAULT_APPROVAL_TIMEOUT));
  }

  private static PolicyMatch match(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new PolicyException(
          path + ": required, e.g. { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }");
    }
    return new PolicyMatch(
        requiredText(node, "resourceType", path),
        stringList(node.path("reasons"), path + ".reasons"),
        node.hasNonNull("cluster") ? node.get("cluster").asText() : null,
        node.hasNonNull("namespace") ? node.get("namespace").asText() : null,
        stringMap(node.path("labels"), path + ".labels"));
  }

  private static Rung rung(JsonNode node, String path) {
    ActionSpec action = action(node, path);
    ActionSpec compensate =
        node.has("compensate") ? action(node.get("compensate"), path + ".compensate") : null;
    RetrySpec retry = RetrySpec.DEFAULT;
    if (node.has("retry")) {
      JsonNode r = node.get("retry");
      String rpath = path + ".retry";
      retry =
          new RetrySpec(
              r.has("maxAttempts")
                  ? positiveInt(r, "maxAttempts", rpath)
                  : RetrySpec.DEFAULT.maxAttempts(),
              duration(r, "initialInterval", rpath, RetrySpec.DEFAULT.initialInterval()),
              duration(r, "maxInterval", rpath, RetrySpec.DEFAULT.maxInterval()));
    }
    return new Rung(
        action.action(),
        action.target(),
        action.params(),
        duration(node, "verifyWithin", path, Rung.DEFAULT_VERIFY_WITHIN),
        node.path("requiresApproval").asBoolean(false),
        compensate,
        duration(node, "timeout", path, Rung.DEFAULT_TIMEOUT),
        retry);
  }

  private static ActionSpec action(JsonNode node, String path) {
    String action = requiredText(node, "action", path);
    if (!ActionCatalog.isKnown(action)) {
      throw new PolicyException(
          path + ".action: unknown action '" + action + "', known: " + ActionCatalog.ALL);
    }
    String target = node.hasNonNull("target") ? node.get("target").asText() : Rung.TARGET_SELF;
    return new ActionSpec(action, target, stringMap(node.path("params"), path + ".params"));
  }

  private static String requiredText(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw new PolicyException(path + "." + field + ": required");
    }
    return value.asText();
  }

  private static int positiveInt(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (!value.canConvertToInt() || value.asInt() < 1) {
      throw new PolicyException(path + "." + field + ": must be a positive integer");
    }
    return value.asInt();
  }

  private static Duration duration(JsonNode node, String field, String path, Duration fallback) {
    if (!node.hasNonNull(field)) {
      return fallback;
    }
    try {
      return Durations.parse(node.get(field).asText());
    } catch (IllegalArgumentException e) {
      throw new PolicyException(path + "." + field + ": " + e.getMessage(), e);
    }
  }

  private static List<String> stringList(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new PolicyException(path + ": must be a list");
    }
    List<String> out = new ArrayList<>();
    node.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static Map<String, String> stringMap(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new PolicyException(path + ": must be a map");
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
