package dev.vigil.activities.docker;

import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.telemetry.ClientSpans;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import io.opentelemetry.api.trace.Tracer;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * {@code docker.scale} and {@code docker.restart} over docker-java, each run through the {@link
 * ActionJournal} (idempotency key, dry run, {@code action_execution} row). Failures are classified
 * for Temporal: unknown service or container {@code TargetNotFound}, bad params {@code
 * InvalidParams}, a replica that never gets ready {@code NotReady}, actions switched off {@code
 * UnsupportedAction} (all non-retryable); an unreachable daemon stays retryable, except in a dry
 * run, which plans without reading the daemon's state and says so.
 */
@Singleton
public class DockerActivitiesImpl implements DockerActivities {
  private final DockerConfig config;
  private final DockerServices services;
  private final ReplicaReadiness readiness;
  private final ActionJournal journal;
  private final Tracer tracer;

  public DockerActivitiesImpl(
      DockerConfig config,
      DockerServices services,
      ReplicaReadiness readiness,
      ActionJournal journal) {
    this(config, services, readiness, journal, ClientSpans.noopTracer());
  }

  /**
   * @param tracer spans around the docker-java calls, children of the activity's span
   */
  @Inject
  public DockerActivitiesImpl(
      DockerConfig config,
      DockerServices services,
      ReplicaReadiness readiness,
      ActionJournal journal,
      Tracer tracer) {
    this.tracer = tracer;
    this.config = config;
    this.services = services;
    this.readiness = readiness;
    this.journal = journal;
  }

  @Override
  public ActionResult scaleService(ActionRequest request) {
    Heartbeat heartbeat = heartbeat();
    return journal.execute(
        request,
        checked(
            request.action(),
            () ->
                new ScaleStep(
                    services,
                    readiness,
                    request.action(),
                    ServiceParams.service(request),
                    ServiceParams.replicas(request, config.maxReplicas()),
                    ServiceParams.readinessTimeout(request, config.readinessTimeout()),
                    heartbeat)));
  }

  @Override
  public ActionResult restartContainer(ActionRequest request) {
    Heartbeat heartbeat = heartbeat();
    return journal.execute(
        request,
        checked(
            request.action(),
            () ->
                new RestartStep(
                    services,
                    readiness,
                    request.action(),
                    ServiceParams.service(request),
                    request.params().get("container"),
                    ServiceParams.readinessTimeout(request, config.readinessTimeout()),
                    heartbeat)));
  }

  private static Heartbeat heartbeat() {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return context::heartbeat;
  }

  /**
   * Builds the step only when the journal runs it (so switched-off actions and bad params are
   * journaled as failures too) and classifies whatever docker-java throws.
   */
  private ActionStep checked(String action, Supplier<DockerStep> step) {
    return new ActionStep() {
      @Override
      public String plan() {
        DockerStep planned;
        try {
          planned = enabled(step);
        } catch (RuntimeException e) {
          throw DockerFailures.classify(e, config.host());
        }
        try {
          return ClientSpans.call(tracer, "docker", action, "plan", planned::plan);
        } catch (RuntimeException e) {
          RuntimeException failure = DockerFailures.classify(e, config.host());
          if (failure instanceof ApplicationFailure f
              && DockerFailures.DOCKER_UNAVAILABLE.equals(f.getType())) {
            // A dry run changes nothing, so it need not wait for the daemon: say what it would
            // do and that the current state could not be read.
            return planned.planUnseen()
                + " (current state unknown: the Docker daemon at "
                + config.host()
                + " does not answer)";
          }
          throw failure;
        }
      }

      @Override
      public ActionResult perform() {
        try {
          return ClientSpans.call(
              tracer, "docker", action, "perform", () -> enabled(step).perform());
        } catch (RuntimeException e) {
          throw DockerFailures.classify(e, config.host());
        }
      }
    };
  }

  private DockerStep enabled(Supplier<DockerStep> step) {
    if (!config.enabled()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "docker actions are switched off (vigil.docker.enabled=false)",
          ActionErrors.UNSUPPORTED_ACTION);
    }
    return step.get();
  }
}
