package dev.vigil.workflows.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each action of the {@link ActionCatalog} accepts: the resource types it acts on, its targets
 * and its parameters with their types. Operator actions are checked against it before a workflow
 * starts, so a typo is a 400 rather than a failed activity; the activities still validate what they
 * get (bounds such as {@code vigil.docker.max-replicas} are theirs).
 */
public final class ActionParameters {

  /** The type of a parameter value (all values travel as strings). */
  public enum Type {
    /** e.g. {@code 2}, {@code -1}. */
    INTEGER,
    /** A positive decimal, e.g. {@code 1.5}. */
    DECIMAL,
    /** e.g. {@code 30s}, {@code 2m} ({@link Durations}). */
    DURATION,
    /** A Kubernetes quantity, e.g. {@code 512Mi}, {@code 500m}. */
    QUANTITY,
    /** A name, e.g. a container. */
    TEXT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One parameter an action accepts. */
  public record Param(String name, Type type, boolean required, String description) {}

  /**
   * One action: the resource type prefix it acts on ({@code docker/} or {@code k8s/}), the targets
   * it accepts, its parameters, and for {@code oneOf} actions the group of which exactly one (or at
   * least one) must be given.
   */
  public record Spec(
      String action,
      String resourceTypePrefix,
      Set<String> targets,
      List<Param> params,
      List<String> exactlyOne,
      List<String> atLeastOne) {

    public Optional<Param> param(String name) {
      return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
  }

  /** A parameter (or the action, or the target) that cannot work, with why. */
  public record Problem(String field, String message) {}

  private static final Set<String> SELF = Set.of(Rung.TARGET_SELF);
  private static final Set<String> WORKLOAD = Set.of(Rung.TARGET_SELF, "owner");
  private static final Set<String> NODE = Set.of(Rung.TARGET_SELF, "node");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}");
  private static final Pattern QUANTITY_TEXT =
      Pattern.compile("[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    Param readiness =
        new Param(
            "readinessTimeout",
            Type.DURATION,
            false,
            "how long new or restarted replicas may take to become ready");
    add(
        ActionCatalog.DOCKER_SCALE,
        "docker/",
        SELF,
        List.of(
            new Param("replicas", Type.INTEGER, true, "the number of replicas to run (0 or more)"),
            readiness),
        List.of(),
        List.of());
    add(
        ActionCatalog.DOCKER_RESTART,
        "docker/",
        SELF,
        List.of(
            new Param("container", Type.TEXT, false, "one container of the service; default all"),
            readiness),
        List.of(),
        List.of());
    add(ActionCatalog.K8S_DELETE_POD, "k8s/", SELF, List.of(), List.of(), List.of());
    add(ActionCatalog.K8S_ROLLOUT_RESTART, "k8s/", WORKLOAD, List.of(), List.of(), List.of());
    add(
        ActionCatalog.K8S_SCALE,
        "k8s/",
        WORKLOAD,
        List.of(
            new Param("replicas", Type.INTEGER, false, "the number of replicas"),
            new Param("replicasDelta", Type.INTEGER, false, "replicas to add (or remove)")),
        List.of("replicas", "replicasDelta"),
        List.of());
    add(ActionCatalog.K8S_CORDON, "k8s/", NODE, List.of(), List.of(), List.of());
    add(ActionCatalog.K8S_UNCORDON, "k8s/", NODE, List.of(), List.of(), List.of());
    add(
        ActionCatalog.K8S_DRAIN,
        "k8s/",
        NODE,
        List.of(new Param("timeout", Type.DURATION, false, "how long the drain may take")),
        List.of(),
        List.of());
    add(
        ActionCatalog.K8S_PATCH_RESOURCES,
        "k8s/",
        WORKLOAD,
        List.of(
            new Param("memoryFactor", Type.DECIMAL, false, "multiply memory requests/limits"),
            new Param("cpuFactor", Type.DECIMAL, false, "multiply cpu requests/limits"),
            new Param("memoryCeiling", Type.QUANTITY, false, "upper bound of memory"),
            new Param("cpuCeiling", Type.QUANTITY, false, "upper bound of cpu"),
            new Param("container", Type.TEXT, false, "the container; default the first")),
        List.of(),
        List.of("memoryFactor", "cpuFactor"));
  }

  private ActionParameters() {}

  private static void add(
      String action,
      String prefix,
      Set<String> targets,
      List<Param> params,
      List<String> exactlyOne,
      List<String> atLeastOne) {
    SPECS.put(action, new Spec(action, prefix, targets, params, exactlyOne, atLeastOne));
  }

  /** Every action's spec, in {@link ActionCatalog#ALL} order. */
  public static List<Spec> all() {
    return ActionCatalog.ALL.stream().map(SPECS::get).toList();
  }

  public static Optional<Spec> of(String action) {
    return Optional.ofNullable(action == null ? null : SPECS.get(action));
  }

  /**
   * The problems of asking for {@code action} with {@code target} and {@code params} on a resource
   * of {@code resourceType}; empty when the request can run. Fields are named as the API's body
   * names them ({@code action}, {@code target}, {@code params.replicas}).
   */
  public static List<Problem> problems(
      String action, String target, Map<String, String> params, String resourceType) {
    List<Problem> problems = new ArrayList<>();
    Optional<Spec> found = of(action);
    if (found.isEmpty()) {
      problems.add(
          new Problem(
              "action", "unknown action '" + action + "'; the catalog: " + ActionCatalog.ALL));
      return problems;
    }
    Spec spec = found.get();
    if (resourceType == null || !resourceType.startsWith(spec.resourceTypePrefix())) {
      problems.add(
          new Problem(
              "action",
              action
                  + " acts on "
                  + spec.resourceTypePrefix()
                  + "* resources, not on a resource of type "
                  + resourceType));
    }
    String effectiveTarget = target == null || target.isBlank() ? Rung.TARGET_SELF : target;
    if (!spec.targets().contains(effectiveTarget)) {
      problems.add(
          new Problem(
              "target",
              action + " accepts target " + spec.targets() + ", not '" + effectiveTarget + "'"));
    }
    Map<String, String> given = params == null ? Map.of() : params;
    given.forEach(
        (name, value) -> {
          Optional<Param> param = spec.param(name);
          if (param.isEmpty()) {
            problems.add(
                new Problem(
                    "params." + name,
                    action
                        + " has no parameter '"
                        + name
                        + "'; it accepts "
                        + spec.params().stream().map(Param::name).toList()));
          } else {
            typeProblem(param.get(), value)
                .ifPresent(m -> problems.add(new Problem("params." + name, m)));
          }
        });
    for (Param param : spec.params()) {
      if (param.required() && isBlank(given.get(param.name()))) {
        problems.add(
            new Problem(
                "params." + param.name(),
                action + " needs params." + param.name() + " (" + param.description() + ")"));
      }
    }
    long ofExactlyOne = spec.exactlyOne().stream().filter(p -> !isBlank(given.get(p))).count();
    if (!spec.exactlyOne().isEmpty() && ofExactlyOne != 1) {
      problems.add(
          new Problem(
              "params", action + " needs exactly one of " + spec.exactlyOne() + " in params"));
    }
    long ofAtLeastOne = spec.atLeastOne().stream().filter(p -> !isBlank(given.get(p))).count();
    if (!spec.atLeastOne().isEmpty() && ofAtLeastOne == 0) {
      problems.add(
          new Problem(
              "params", action + " needs at least one of " + spec.atLeastOne() + " in params"));
    }
    return problems;
  }

  private static Optional<String> typeProblem(Param param, String value) {
    if (isBlank(value)) {
      return Optional.of(param.name() + " is empty");
    }
    String v = value.trim();
    boolean ok =
        switch (param.type()) {
          case INTEGER -> parses(() -> Integer.parseInt(v));
          case DECIMAL -> parses(() -> new BigDecimal(v)) && new BigDecimal(v).signum() > 0;
          case DURATION ->
              parses(() -> Durations.parse(v))
                  && !Durations.parse(v).isNegative()
                  && !Durations.parse(v).isZero();
          case QUANTITY -> QUANTITY_TEXT.matcher(v).matches();
          case TEXT -> NAME.matcher(v).matches();
        };
    if (ok && param.type() == Type.INTEGER && param.name().equals("replicas")) {
      ok = Integer.parseInt(v) >= 0;
    }
    return ok
        ? Optional.empty()
        : Optional.of(
            param.name()
                + " must be "
                + switch (param.type()) {
                  case INTEGER ->
                      param.name().equals("replicas") ? "an integer of 0 or more" : "an integer";
                  case DECIMAL -> "a positive decimal number (e.g. 1.5)";
                  case DURATION -> "a positive duration (e.g. 30s, 2m)";
                  case QUANTITY -> "a Kubernetes quantity (e.g. 512Mi, 500m)";
                  case TEXT -> "a name (letters, digits, '.', '_', '-')";
                }
                + ", got '"
                + value
                + "'");
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
