package dev.vigil.workflows.workflow;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.LeaseDecision;
import dev.vigil.workflows.activity.LeaseRelease;
import dev.vigil.workflows.activity.LeaseRequest;
import dev.vigil.workflows.activity.OpenIncidentRequest;
import dev.vigil.workflows.activity.PageRequest;
import dev.vigil.workflows.activity.PageResult;
import dev.vigil.workflows.activity.PagingActivities;
import dev.vigil.workflows.activity.PhaseChange;
import dev.vigil.workflows.activity.TimelineEntry;
import dev.vigil.workflows.activity.UniformActions;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Test implementations of every activity interface the workflow uses (the standard Temporal
 * practice: real workers, real test server, recorded calls). Actions follow a per-action script of
 * behaviours, one per invocation (retries included); unscripted invocations succeed.
 */
final class FakeActivities {

  /** What one invocation of an action does. */
  enum Behaviour {
    /** Succeeds; the signals stay as they are. */
    SUCCEED,
    /** Succeeds, and the resource turns Healthy (the observation arrives before the result). */
    SUCCEED_AND_CLEAR,
    /** Fails with a retryable error (a 503 from the API server). */
    FAIL_TRANSIENT,
    /** Fails with {@code InvalidParams} (non-retryable). */
    FAIL_INVALID_PARAMS,
    /** Fails with {@code NotReady} (non-retryable): the new replica never became healthy. */
    FAIL_NOT_READY,
    /** Heartbeats until the workflow cancels it. */
    BLOCK_UNTIL_CANCELLED
  }

  final Incidents incidents = new Incidents();
  final Leases leases = new Leases();
  final Paging paging = new Paging();
  final Actions actions = new Actions();

  /** Every call in order, as "Type:detail", for assertions on what ran. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** Run ids the activities were called from (more than one after continue-as-new). */
  final Set<String> runIds = ConcurrentHashMap.newKeySet();

  private volatile Consumer<HealthState> observer = health -> {};

  void onObserve(Consumer<HealthState> observer) {
    this.observer = observer;
  }

  Object[] all() {
    return new Object[] {incidents, leases, paging, actions};
  }

  private void called(String call) {
    calls.add(call);
    runIds.add(Activity.getExecutionContext().getInfo().getWorkflowRunId());
  }

  final class Incidents implements IncidentActivities {
    final List<OpenIncidentRequest> opened = new CopyOnWriteArrayList<>();
    final List<PhaseChange> phases = new CopyOnWriteArrayList<>();
    final List<TimelineEntry> timeline = new CopyOnWriteArrayList<>();

    @Override
    public void openIncident(OpenIncidentRequest request) {
      called("openIncident");
      opened.add(request);
    }

    @Override
    public void recordPhase(PhaseChange change) {
      called("recordPhase:" + change.phase());
      phases.add(change);
    }

    @Override
    public void recordTimeline(TimelineEntry entry) {
      called("recordTimeline:" + entry.kind());
      timeline.add(entry);
    }

    List<Phase> phaseSequence() {
      return phases.stream().map(PhaseChange::phase).toList();
    }

    List<String> kinds() {
      return timeline.stream().map(TimelineEntry::kind).toList();
    }
  }

  final class Leases implements LeaseActivities {
    final List<LeaseRequest> requests = new CopyOnWriteArrayList<>();
    final List<LeaseRelease> releases = new CopyOnWriteArrayList<>();
    private final Deque<LeaseDecision> script = new ArrayDeque<>();

    synchronized void refuse(int times, Duration retryAfter, boolean storm) {
      for (int i = 0; i < times; i++) {
        script.add(new LeaseDecision(false, "max-unhealthy-fraction", retryAfter, storm));
      }
    }

    @Override
    public LeaseDecision acquireLease(LeaseRequest request) {
      called("acquireLease");
      requests.add(request);
      synchronized (this) {
        return script.isEmpty() ? LeaseDecision.grant() : script.poll();
      }
    }

    @Override
    public void releaseLease(LeaseRelease release) {
      called("releaseLease:" + (release.verified() ? "verified" : "unverified"));
      releases.add(release);
    }
  }

  final class Paging implements PagingActivities {
    final List<PageRequest> triggered = new CopyOnWriteArrayList<>();
    final List<PageRequest> resolved = new CopyOnWriteArrayList<>();

    @Override
    public PageResult triggerPage(PageRequest request) {
      called("triggerPage:" + request.dedupKey());
      triggered.add(request);
      return new PageResult(
          request.dedupKey(), request.dryRun() ? "WOULD_PAGE" : "TRIGGERED", "pagerduty");
    }

    @Override
    public PageResult resolvePage(PageRequest request) {
      called("resolvePage:" + request.dedupKey());
      resolved.add(request);
      return new PageResult(request.dedupKey(), "RESOLVED", "pagerduty");
    }
  }

  final class Actions extends UniformActions {
    final List<ActionRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Behaviour>> script = new ConcurrentHashMap<>();

    /** Scripts the next invocations of {@code action} (a compensation's action included). */
    void script(String action, Behaviour... behaviours) {
      script.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(behaviours));
    }

    /** "docker.scale:ACTION:2" style entries: action, kind and the replicas param if any. */
    List<String> performed() {
      return requests.stream()
          .map(
              r ->
                  r.action()
                      + ":"
                      + r.context().kind()
                      + (r.params().containsKey("replicas")
                          ? ":" + r.params().get("replicas")
                          : ""))
          .toList();
    }

    @Override
    protected ActionResult perform(String activity, ActionRequest request) {
      called(request.action() + ":" + request.context().kind());
      requests.add(request);
      Deque<Behaviour> queue = script.get(request.action());
      Behaviour behaviour = queue == null || queue.isEmpty() ? Behaviour.SUCCEED : queue.poll();
      switch (behaviour) {
        case FAIL_TRANSIENT -> throw ApplicationFailure.newFailure("API server 503", "Unavailable");
        case FAIL_INVALID_PARAMS ->
            throw ApplicationFailure.newNonRetryableFailure(
                "replicas must be set", "InvalidParams");
        case FAIL_NOT_READY ->
            throw ApplicationFailure.newNonRetryableFailure(
                "replica 2 never became healthy", "NotReady");
        case BLOCK_UNTIL_CANCELLED -> blockUntilCancelled();
        case SUCCEED_AND_CLEAR -> observer.accept(HealthState.Healthy);
        case SUCCEED -> {}
      }
      boolean dryRun = request.context().dryRun();
      return new ActionResult(
          request.action(),
          dryRun ? ActionResult.Outcome.WOULD_DO : ActionResult.Outcome.SUCCEEDED,
          (dryRun ? "would " : "did ")
              + request.action()
              + (request.context().kind() == ActionContext.Kind.COMPENSATION ? " (undo)" : ""),
          List.of(request.resource().name()),
          Map.of());
    }

    private void blockUntilCancelled() {
      try {
        while (true) {
          Activity.getExecutionContext().heartbeat("waiting");
          Thread.sleep(50);
        }
      } catch (ActivityCompletionException cancelled) {
        throw cancelled;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
