package dev.vigil.ingest.support;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Activities that record their calls and change nothing, for tests that run the real {@code
 * RemediationWorkflowImpl} without Docker, Kubernetes or PagerDuty (the actions answer as a dry run
 * would).
 */
public final class RecordingActivities {
  public final List<String> calls = new CopyOnWriteArrayList<>();

  public Object[] all() {
    return new Object[] {new Incidents(), new Leases(), new Paging(), new Actions()};
  }

  private final class Incidents implements IncidentActivities {
    @Override
    public void openIncident(OpenIncidentRequest request) {
      calls.add("openIncident");
    }

    @Override
    public void recordPhase(PhaseChange change) {
      calls.add("recordPhase:" + change.phase());
    }

    @Override
    public void recordTimeline(TimelineEntry entry) {
      calls.add("recordTimeline");
    }
  }

  private final class Leases implements LeaseActivities {
    @Override
    public LeaseDecision acquireLease(LeaseRequest request) {
      calls.add("acquireLease");
      return LeaseDecision.grant();
    }

    @Override
    public void releaseLease(LeaseRelease release) {
      calls.add("releaseLease");
    }
  }

  private final class Paging implements PagingActivities {
    @Override
    public PageResult triggerPage(PageRequest request) {
      calls.add("triggerPage");
      return new PageResult(request.dedupKey(), "WOULD_PAGE", "pagerduty");
    }

    @Override
    public PageResult resolvePage(PageRequest request) {
      calls.add("resolvePage");
      return new PageResult(request.dedupKey(), "RESOLVED", "pagerduty");
    }
  }

  private final class Actions extends UniformActions {
    @Override
    protected ActionResult perform(String activity, ActionRequest request) {
      calls.add(request.action());
      return new ActionResult(
          request.action(),
          ActionResult.Outcome.WOULD_DO,
          "would " + request.action(),
          List.of(),
          Map.of());
    }
  }
}
