package dev.vigil.bench;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Activities that succeed at once and change nothing, so the scenarios measure the workflow and
 * Temporal, not Docker or Kubernetes. Counts actions and pages so the driver knows where each
 * repair is.
 */
final class BenchActivities extends UniformActions
    implements IncidentActivities, LeaseActivities, PagingActivities {
  final AtomicLong actions = new AtomicLong();
  final AtomicLong pages = new AtomicLong();

  @Override
  public void openIncident(OpenIncidentRequest request) {}

  @Override
  public void recordPhase(PhaseChange change) {}

  @Override
  public void recordTimeline(TimelineEntry entry) {}

  @Override
  public LeaseDecision acquireLease(LeaseRequest request) {
    return LeaseDecision.grant();
  }

  @Override
  public void releaseLease(LeaseRelease release) {}

  @Override
  public PageResult triggerPage(PageRequest request) {
    pages.incrementAndGet();
    return new PageResult(request.dedupKey(), "TRIGGERED", "bench");
  }

  @Override
  public PageResult resolvePage(PageRequest request) {
    return new PageResult(request.dedupKey(), "RESOLVED", "bench");
  }

  @Override
  protected ActionResult perform(String activity, ActionRequest request) {
    actions.incrementAndGet();
    return new ActionResult(
        request.action(),
        ActionResult.Outcome.SUCCEEDED,
        "did " + request.action(),
        List.of(request.resource().name()),
        Map.of());
  }
}
