package dev.vigil.api.support;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test implementations of every activity the real workflow calls: actions succeed and change
 * nothing (the resource stays unhealthy, so the workflow waits for clear), leases are granted,
 * pages are accepted, and every call is recorded ("scaleService:replicas=2", "phase:CANCELLED",
 * ...) for assertions. No Docker, Kubernetes or PagerDuty behind them: the API tests are about the
 * signals reaching the workflow.
 */
public final class TestActivities extends UniformActions
    implements IncidentActivities, LeaseActivities, PagingActivities {
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** What openIncident also does, e.g. write the incident row the API reads. */
  public volatile java.util.function.Consumer<OpenIncidentRequest> onOpenIncident = r -> {};

  @Override
  protected ActionResult perform(String method, ActionRequest request) {
    String params =
        request.params().entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    calls.add(method + ":" + params);
    return new ActionResult(
        request.action(), ActionResult.Outcome.SUCCEEDED, method + " done", List.of(), null);
  }

  @Override
  public void openIncident(OpenIncidentRequest request) {
    calls.add("openIncident:" + request.incidentId());
    onOpenIncident.accept(request);
  }

  @Override
  public void recordPhase(PhaseChange change) {
    calls.add("phase:" + change.phase());
  }

  @Override
  public void recordTimeline(TimelineEntry entry) {
    calls.add("timeline:" + entry.kind());
  }

  @Override
  public LeaseDecision acquireLease(LeaseRequest request) {
    return LeaseDecision.grant();
  }

  @Override
  public void releaseLease(LeaseRelease release) {}

  @Override
  public PageResult triggerPage(PageRequest request) {
    calls.add("triggerPage:" + request.dedupKey());
    return new PageResult(request.dedupKey(), "triggered", "test");
  }

  @Override
  public PageResult resolvePage(PageRequest request) {
    calls.add("resolvePage:" + request.dedupKey());
    return new PageResult(request.dedupKey(), "resolved", "test");
  }
}
