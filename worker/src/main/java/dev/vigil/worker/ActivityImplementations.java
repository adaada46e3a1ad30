package dev.vigil.worker;

import dev.vigil.workflows.activity.DockerActivities;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.OperatorActionActivities;
import dev.vigil.workflows.activity.PagingActivities;
import io.micronaut.context.BeanContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The activity implementations this worker hosts: the one bean per activity interface found in the
 * context, whatever module provides it. A required interface without an implementation, or one with
 * two, stops the worker at start with a message that says which and how to fix it.
 */
@Singleton
public class ActivityImplementations {

  /**
   * The activity interfaces of RemediationWorkflow and OperatorActionWorkflow, by the names {@code
   * required-activities} uses.
   */
  public enum Kind {
    DOCKER(DockerActivities.class),
    KUBERNETES(KubernetesActivities.class),
    PAGING(PagingActivities.class),
    INCIDENT(IncidentActivities.class),
    LEASE(LeaseActivities.class),
    OPERATOR_ACTION(OperatorActionActivities.class);

    private final Class<?> type;

    Kind(Class<?> type) {
      this.type = type;
    }

    public Class<?> type() {
      return type;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Kind of(String configName) {
      for (Kind kind : values()) {
        if (kind.configName().equals(configName.trim().toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw new IllegalStateException(
          "vigil.worker.required-activities: unknown activity '"
              + configName
              + "'; known: "
              + List.of(values()).stream().map(Kind::configName).toList());
    }
  }

  private final Map<Kind, Object> implementations;

  public ActivityImplementations(BeanContext beans, WorkerConfig config) {
    this.implementations = select(beans::getBeansOfType, config.requiredActivities());
  }

  /** The implementations to register, one per interface present. */
  public Collection<Object> all() {
    return implementations.values();
  }

  /** Interface -> implementation class, for the start log line. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      Object impl = implementations.get(kind);
      described.put(
          kind.type().getSimpleName(), impl == null ? "(none)" : impl.getClass().getSimpleName());
    }
    return described;
  }

  static Map<Kind, Object> select(
      Function<Class<Object>, Collection<Object>> beansOfType, List<String> required) {
    List<Kind> requiredKinds = required.stream().map(Kind::of).toList();
    Map<Kind, Object> selected = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      @SuppressWarnings("unchecked")
      Collection<?> found = beansOfType.apply((Class<Object>) kind.type());
      if (found.size() > 1) {
        problems.add(
            "more than one bean implements "
                + kind.type().getSimpleName()
                + ": "
                + found.stream()
                    .map(b -> b.getClass().getName())
                    .sorted()
                    .collect(Collectors.joining(", "))
                + " (keep one, or mark the other @Replaces)");
      } else if (found.isEmpty()) {
        if (requiredKinds.contains(kind)) {
          problems.add(
              "no bean implements "
                  + kind.type().getName()
                  + " (put its implementation, e.g. vigil-activities, on the classpath, or remove '"
                  + kind.configName()
                  + "' from vigil.worker.required-activities if this worker must not run it)");
        }
      } else {
        selected.put(kind, found.iterator().next());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the worker cannot host the workflows' activities: " + String.join("; ", problems));
    }
    return selected;
  }
}
