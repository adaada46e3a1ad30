package dev.vigil.activities.kubernetes;

import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.activities.kubernetes.Quantities.Resource;
import dev.vigil.activities.kubernetes.ResourcesPatch.Scaling;
import dev.vigil.telemetry.ClientSpans;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Tracer;
import io.temporal.activity.Activity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code k8s.*} actions on fabric8 kubernetes-client. Each runs through the {@link
 * ActionJournal} (dry run plans, a succeeded key is not done twice); the workload actions also
 * stamp their idempotency key on the workload in the same update, so a retry after a lost reply
 * does not scale or multiply twice.
 */
@Singleton
public class KubernetesActivitiesImpl implements KubernetesActivities {
  private static final Logger log = LoggerFactory.getLogger(KubernetesActivitiesImpl.class);
  static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  private final KubernetesConfig config;
  private final Tracer tracer;
  private final ActionJournal journal;
  private final KubernetesClient client;
  private final TargetResolver targets;
  private final Workloads workloads;
  private final Nodes nodes;
  private final NodeDrainer drainer;

  /**
   * @param client null when {@code vigil.kubernetes.enabled=false}: every action then fails with
   *     {@code UnsupportedAction}
   */
  public KubernetesActivitiesImpl(
      KubernetesConfig config, @Nullable KubernetesClient client, ActionJournal journal) {
    this(config, client, journal, ClientSpans.noopTracer());
  }

  /**
   * @param tracer spans around the fabric8 calls, children of the activity's span
   */
  @Inject
  public KubernetesActivitiesImpl(
      KubernetesConfig config,
      @Nullable KubernetesClient client,
      ActionJournal journal,
      Tracer tracer) {
    this.tracer = tracer;
    this.config = config;
    this.journal = journal;
    this.client = config.enabled() ? client : null;
    this.targets = this.client == null ? null : new TargetResolver(this.client);
    this.workloads = this.client == null ? null : new Workloads(this.client);
    this.nodes = this.client == null ? null : new Nodes(this.client);
    this.drainer =
        this.client == null
            ? null
            : new NodeDrainer(this.client, nodes, config.drainRetryInterval());
  }

  @Override
  public ActionResult deletePod(ActionRequest request) {
    String action = name(request, ActionCatalog.K8S_DELETE_POD);
    return run(
        request,
        action,
        () -> "would delete " + pod(request).describe(),
        () -> {
          Target target = pod(request, false);
          Pod pod = client.pods().inNamespace(target.namespace()).withName(target.name()).get();
          if (pod == null) {
            if (Activity.getExecutionContext().getInfo().getAttempt() > 1) {
              return result(
                  action,
                  Outcome.UNCHANGED,
                  target.describe() + " already gone (deleted by an earlier try)",
                  List.of(target.path()),
                  Map.of());
            }
            throw KubernetesFailures.notFound(target.describe() + " not found");
          }
          client.pods().inNamespace(target.namespace()).withName(target.name()).delete();
          Map<String, String> details = new HashMap<>();
          details.put("uid", pod.getMetadata().getUid());
          Optional.ofNullable(pod.getSpec().getNodeName()).ifPresent(n -> details.put("node", n));
          return result(
              action,
              Outcome.SUCCEEDED,
              "deleted " + target.describe(),
              List.of(target.path()),
              details);
        });
  }

  @Override
  public ActionResult rolloutRestart(ActionRequest request) {
    String action = name(request, ActionCatalog.K8S_ROLLOUT_RESTART);
    return run(
        request,
        action,
        () -> {
          Workload workload = workloads.require(workload(request));
          return "would restart "
              + workload.target().describe()
              + " ("
              + workload.replicas()
              + " replicas)";
        },
        () -> {
          Target target = workload(request);
          Workload current = workloads.require(target);
          String key = request.context().idempotencyKey();
          if (current.changedBy(key)) {
            return alreadyDone(action, current);
          }
          Workload restarted = workloads.restart(target);
          String summary = "restarted " + target.describe();
          workloads.edit(target, w -> w.markChangedBy(key, summary));
          Map<String, String> details = new HashMap<>();
          details.put("kind", target.kind().word());
          Optional.ofNullable(
                  templateAnnotations(restarted.template()).get(RESTARTED_AT_ANNOTATION))
              .ifPresent(at -> details.put("restartedAt", at));
          return result(action, Outcome.SUCCEEDED, summary, List.of(target.path()), details);
        });
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    String action = name(request, ActionCatalog.K8S_SCALE);
    return run(
        request,
        action,
        () -> {
          Workload workload = workloads.require(workload(request));
          int from = workload.replicas();
          int to = desiredReplicas(request, workload);
          return to == from
              ? workload.target().describe() + " already has " + from + " replicas: nothing to do"
              : "would scale "
                  + workload.target().describe()
                  + " from "
                  + from
                  + " to "
                  + to
                  + " replicas";
        },
        () -> {
          Target target = workload(request);
          Workload current = workloads.require(target);
          String key = request.context().idempotencyKey();
          if (current.changedBy(key)) {
            return alreadyDone(action, current);
          }
          int from = current.replicas();
          int to = desiredReplicas(request, current);
          Map<String, String> details =
              Map.of("previousReplicas", Integer.toString(from), "replicas", Integer.toString(to));
          if (to == from) {
            return result(
                action,
                Outcome.UNCHANGED,
                target.describe() + " already has " + from + " replicas",
                List.of(target.path()),
                details);
          }
          String summary =
              "scaled " + target.describe() + " from " + from + " to " + to + " replicas";
          workloads.edit(
              target,
              w -> {
                w.setReplicas(to);
                w.markChangedBy(key, summary);
              });
          return result(action, Outcome.SUCCEEDED, summary, List.of(target.path()), details);
        });
  }

  @Override
  public ActionResult cordonNode(ActionRequest request) {
    return setSchedulable(request, name(request, ActionCatalog.K8S_CORDON), false);
  }

  @Override
  public ActionResult uncordonNode(ActionRequest request) {
    return setSchedulable(request, name(request, ActionCatalog.K8S_UNCORDON), true);
  }

  @Override
  public ActionResult drainNode(ActionRequest request) {
    String action = name(request, ActionCatalog.K8S_DRAIN);
    return run(
        request,
        action,
        () -> "would " + drainer.plan(node(request)).describe(),
        () -> {
          Target node = node(request);
          Duration timeout =
              new ActionParams(request).duration("timeout").orElse(config.drainTimeout());
          NodeDrainer.Report report =
              drainer.drain(
                  node, timeout, progress -> Activity.getExecutionContext().heartbeat(progress));
          Map<String, String> details = new HashMap<>();
          details.put("cordoned", Boolean.toString(report.cordoned()));
          details.put("evicted", String.join(",", report.evicted()));
          details.put("skipped", String.join(",", report.skipped()));
          details.put("terminating", String.join(",", report.terminating()));
          boolean nothingDone = !report.cordoned() && report.evicted().isEmpty();
          String summary =
              (nothingDone
                      ? node.describe() + " was already drained"
                      : "drained " + node.describe())
                  + ": evicted "
                  + report.evicted().size()
                  + " pod(s), skipped "
                  + report.skipped().size()
                  + " DaemonSet/mirror pod(s)"
                  + (report.terminating().isEmpty()
                      ? ""
                      : ", " + report.terminating().size() + " still terminating");
          return result(
              action,
              nothingDone ? Outcome.UNCHANGED : Outcome.SUCCEEDED,
              summary,
              report.evicted(),
              details);
        });
  }

  @Override
  public ActionResult patchResources(ActionRequest request) {
    String action = name(request, ActionCatalog.K8S_PATCH_RESOURCES);
    return run(
        request,
        action,
        () -> {
          Workload workload = workloads.require(workload(request));
          ResourcesPatch patch = resourcesPatch(request, workload);
          return patch.changesAnything()
              ? "would patch " + workload.target().describe() + " " + patch.describe()
              : workload.target().describe() + " " + patch.describe() + ": nothing to change";
        },
        () -> {
          Target target = workload(request);
          Workload current = workloads.require(target);
          String key = request.context().idempotencyKey();
          if (current.changedBy(key)) {
            return alreadyDone(action, current);
          }
          ResourcesPatch patch = resourcesPatch(request, current);
          if (!patch.changesAnything()) {
            return result(
                action,
                Outcome.UNCHANGED,
                target.describe() + " " + patch.describe() + ": nothing to change",
                List.of(target.path()),
                patch.details());
          }
          String summary = "patched " + target.describe() + " " + patch.describe();
          workloads.edit(
              target,
              w -> {
                patch.applyTo(container(w, patch.container()));
                w.markChangedBy(key, summary);
              });
          return result(
              action, Outcome.SUCCEEDED, summary, List.of(target.path()), patch.details());
        });
  }

  private ActionResult setSchedulable(ActionRequest request, String action, boolean schedulable) {
    String verb = schedulable ? "uncordon" : "cordon";
    return run(
        request,
        action,
        () -> {
          Target node = node(request);
          boolean unschedulable = Nodes.isUnschedulable(nodes.require(node));
          return unschedulable == !schedulable
              ? node.describe() + " is already " + verb + "ed: nothing to do"
              : "would " + verb + " " + node.describe();
        },
        () -> {
          Target node = node(request);
          boolean changed = nodes.setUnschedulable(node, !schedulable);
          return result(
              action,
              changed ? Outcome.SUCCEEDED : Outcome.UNCHANGED,
              changed
                  ? verb + "ed " + node.describe()
                  : node.describe() + " already " + verb + "ed",
              List.of(node.name()),
              Map.of("unschedulable", Boolean.toString(!schedulable)));
        });
  }

  // --- targets -------------------------------------------------------------------------------

  private Target pod(ActionRequest request) {
    return pod(request, true);
  }

  private Target pod(ActionRequest request, boolean mustExist) {
    Target target = targets.resolve(request);
    if (target.kind() != Target.Kind.POD) {
      throw KubernetesFailures.invalidParams(
          name(request, ActionCatalog.K8S_DELETE_POD) + " acts on a pod, not " + target.describe());
    }
    if (mustExist) {
      targets.requirePod(target);
    }
    return target;
  }

  private Target workload(ActionRequest request) {
    return targets.workloadOf(targets.resolve(request));
  }

  private Target node(ActionRequest request) {
    return targets.nodeOf(targets.resolve(request));
  }

  // --- parameters ----------------------------------------------------------------------------

  private int desiredReplicas(ActionRequest request, Workload workload) {
    ActionParams params = new ActionParams(request);
    Optional<Integer> absolute = params.integer("replicas");
    Optional<Integer> delta = params.integer("replicasDelta");
    if (absolute.isPresent() == delta.isPresent()) {
      throw KubernetesFailures.invalidParams(
          "k8s.scale needs exactly one of replicas or replicasDelta");
    }
    int max = config.maxReplicas();
    int from = workload.replicas();
    if (absolute.isPresent()) {
      int to = absolute.get();
      if (to < 0) {
        throw KubernetesFailures.invalidParams("replicas must not be negative, got " + to);
      }
      if (to > max) {
        throw KubernetesFailures.blockedByPolicy(
            "replicas " + to + " is above the ceiling vigil.kubernetes.max-replicas=" + max);
      }
      return to;
    }
    int to = Math.max(0, from + delta.get());
    if (delta.get() > 0 && to > max) {
      if (from >= max) {
        throw KubernetesFailures.blockedByPolicy(
            workload.target().describe()
                + " already has "
                + from
                + " replicas, the ceiling vigil.kubernetes.max-replicas="
                + max);
      }
      return max;
    }
    return to;
  }

  private ResourcesPatch resourcesPatch(ActionRequest request, Workload workload) {
    ActionParams params = new ActionParams(request);
    Optional<BigDecimal> memoryFactor = params.factor("memoryFactor");
    Optional<BigDecimal> cpuFactor = params.factor("cpuFactor");
    if (memoryFactor.isEmpty() && cpuFactor.isEmpty()) {
      throw KubernetesFailures.invalidParams(
          "k8s.patchResources needs memoryFactor and/or cpuFactor");
    }
    List<Scaling> scalings = new ArrayList<>();
    memoryFactor.ifPresent(
        factor ->
            scalings.add(
                new Scaling(
                    Resource.MEMORY,
                    factor,
                    params
                        .quantity("memoryCeiling")
                        .orElseGet(
                            () ->
                                ActionParams.quantity(
                                    "vigil.kubernetes.memory-ceiling", config.memoryCeiling())))));
    cpuFactor.ifPresent(
        factor ->
            scalings.add(
                new Scaling(
                    Resource.CPU,
                    factor,
                    params
                        .quantity("cpuCeiling")
                        .orElseGet(
                            () ->
                                ActionParams.quantity(
                                    "vigil.kubernetes.cpu-ceiling", config.cpuCeiling())))));
    Container container = container(workload, params.text("container").orElse(null));
    ResourcesPatch patch = ResourcesPatch.compute(container, scalings);
    if (patch.isEmpty()) {
      throw KubernetesFailures.invalidParams(
          "container "
              + container.getName()
              + " of "
              + workload.target().describe()
              + " sets no "
              + scalings.stream().map(s -> s.resource().key()).collect(Collectors.joining("/"))
              + " requests or limits to multiply");
    }
    if (patch.blockedByCeiling()) {
      throw KubernetesFailures.blockedByPolicy(
          workload.target().describe() + " " + patch.describe() + ": already at the ceiling");
    }
    return patch;
  }

  /** The named container of the workload's pod template, or its first when name is null. */
  private static Container container(Workload workload, String name) {
    List<Container> containers = workload.template().getSpec().getContainers();
    if (containers == null || containers.isEmpty()) {
      throw KubernetesFailures.invalidParams(workload.target().describe() + " has no containers");
    }
    if (name == null) {
      return containers.get(0);
    }
    return containers.stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                KubernetesFailures.invalidParams(
                    "no container "
                        + name
                        + " in "
                        + workload.target().describe()
                        + " (containers: "
                        + containers.stream()
                            .map(Container::getName)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  // --- plumbing ------------------------------------------------------------------------------

  /** Journals the action; both its plan and its performance see classified API failures. */
  private ActionResult run(
      ActionRequest request, String action, Supplier<String> plan, Supplier<ActionResult> perform) {
    ActionStep step =
        new ActionStep() {
          @Override
          public String plan() {
            return ClientSpans.call(
                tracer, "kubernetes", action, "plan", () -> guarded(request, action, plan));
          }

          @Override
          public ActionResult perform() {
            ActionResult result =
                ClientSpans.call(
                    tracer,
                    "kubernetes",
                    action,
                    "perform",
                    () -> guarded(request, action, perform));
            log.info("{} on {}: {}", action, request.resource().id(), result.summary());
            return result;
          }
        };
    return journal.execute(request, step);
  }

  private <T> T guarded(ActionRequest request, String action, Supplier<T> work) {
    if (client == null) {
      throw KubernetesFailures.unsupported(
          action + " is disabled on this worker (vigil.kubernetes.enabled=false)");
    }
    try {
      return work.get();
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.translate(action + " of " + request.resource().id(), e);
    }
  }

  private static ActionResult alreadyDone(String action, Workload workload) {
    String summary = workload.recordedSummary();
    return result(
        action,
        Outcome.UNCHANGED,
        (summary == null ? "changed" : summary) + " (done by an earlier try of this attempt)",
        List.of(workload.target().path()),
        Map.of());
  }

  private static ActionResult result(
      String action,
      Outcome outcome,
      String summary,
      List<String> affected,
      Map<String, String> details) {
    return new ActionResult(action, outcome, summary, affected, details);
  }

  private static Map<String, String> templateAnnotations(PodTemplateSpec template) {
    Map<String, String> annotations =
        template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static String name(ActionRequest request, String fallback) {
    return request.action() == null || request.action().isBlank() ? fallback : request.action();
  }
}
