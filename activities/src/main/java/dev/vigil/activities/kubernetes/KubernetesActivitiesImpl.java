package dev.vigil.activities.kubernetes;

import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.telemetry.ClientSpans;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code k8s.*} actions on fabric8 kubernetes-client, one {@link KubernetesStep} each, all run
 * by {@link #run}: through the {@link ActionJournal} (dry run previews, a succeeded key is not done
 * twice), in client spans, with API errors classified. The workload actions also stamp their
 * idempotency key on the workload in the same update ({@link WorkloadStep}), so a retry after a
 * lost reply does not scale or multiply twice.
 */
@Singleton
public class KubernetesActivitiesImpl implements KubernetesActivities {
  private static final Logger log = LoggerFactory.getLogger(KubernetesActivitiesImpl.class);

  private final Tracer tracer;
  private final ActionJournal journal;
  private final KubernetesClient client;
  private final KubernetesStep deletePod;
  private final KubernetesStep rolloutRestart;
  private final KubernetesStep scaleWorkload;
  private final KubernetesStep cordonNode;
  private final KubernetesStep uncordonNode;
  private final KubernetesStep drainNode;
  private final KubernetesStep patchResources;

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
    this.journal = journal;
    this.client = config.enabled() ? client : null;
    // Without a client the steps hold nulls: run refuses every action before a step is called.
    TargetResolver targets = this.client == null ? null : new TargetResolver(this.client);
    Workloads workloads = this.client == null ? null : new Workloads(this.client);
    Nodes nodes = this.client == null ? null : new Nodes(this.client);
    NodeDrainer drainer =
        this.client == null
            ? null
            : new NodeDrainer(this.client, nodes, config.drainRetryInterval());
    this.deletePod = new DeletePodStep(this.client, targets);
    this.rolloutRestart = new RolloutRestartStep(targets, workloads);
    this.scaleWorkload = new ScaleWorkloadStep(targets, workloads, config.maxReplicas());
    this.cordonNode = CordonStep.cordon(targets, nodes);
    this.uncordonNode = CordonStep.uncordon(targets, nodes);
    this.drainNode = new DrainStep(targets, drainer, config.drainTimeout());
    this.patchResources = new PatchResourcesStep(targets, workloads, config);
  }

  @Override
  public ActionResult deletePod(ActionRequest request) {
    return run(request, ActionCatalog.K8S_DELETE_POD, deletePod);
  }

  @Override
  public ActionResult rolloutRestart(ActionRequest request) {
    return run(request, ActionCatalog.K8S_ROLLOUT_RESTART, rolloutRestart);
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    return run(request, ActionCatalog.K8S_SCALE, scaleWorkload);
  }

  @Override
  public ActionResult cordonNode(ActionRequest request) {
    return run(request, ActionCatalog.K8S_CORDON, cordonNode);
  }

  @Override
  public ActionResult uncordonNode(ActionRequest request) {
    return run(request, ActionCatalog.K8S_UNCORDON, uncordonNode);
  }

  @Override
  public ActionResult drainNode(ActionRequest request) {
    return run(request, ActionCatalog.K8S_DRAIN, drainNode);
  }

  @Override
  public ActionResult patchResources(ActionRequest request) {
    return run(request, ActionCatalog.K8S_PATCH_RESOURCES, patchResources);
  }

  /**
   * Journals the step under the request's action name (else {@code catalogName}); both its preview
   * and its act run in a client span and see classified API failures.
   */
  private ActionResult run(ActionRequest request, String catalogName, KubernetesStep step) {
    String action = name(request, catalogName);
    ActionStep journaled =
        new ActionStep() {
          @Override
          public String plan() {
            return ClientSpans.call(
                tracer,
                "kubernetes",
                action,
                "plan",
                () -> guarded(request, action, () -> step.preview(request, action)));
          }

          @Override
          public ActionResult perform() {
            ActionResult result =
                ClientSpans.call(
                    tracer,
                    "kubernetes",
                    action,
                    "perform",
                    () -> guarded(request, action, () -> step.act(request, action)));
            log.info("{} on {}: {}", action, request.resource().id(), result.summary());
            return result;
          }
        };
    return journal.execute(request, journaled);
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

  private static String name(ActionRequest request, String fallback) {
    return request.action() == null || request.action().isBlank() ? fallback : request.action();
  }
}
