package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.incident.IncidentActivitiesImpl;
import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.ActionStep;
import dev.vigil.activities.operator.OperatorActionActivitiesImpl;
import dev.vigil.api.action.ActionRepository;
import dev.vigil.api.incident.ActionExecution;
import dev.vigil.api.incident.IncidentQueries;
import dev.vigil.api.incident.TimelineEvent;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.OpenIncidentRequest;
import dev.vigil.workflows.activity.TimelineEntry;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.OperatorActionState;
import dev.vigil.workflows.workflow.OperatorActionStatus;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The free-form JSON columns of the incident and operator-action tables, written by the worker's
 * own code (the incident activities, the action journal, the operator-action record) into a real
 * PostgreSQL and read back by the API's queries: {@code incident_event.details}, {@code
 * action_execution.params} and {@code operator_action.params/affected/details} reach the API as the
 * values that were written, quotes, escapes and non-ASCII text included.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SharedJsonColumnsIT extends ApiTestBase {
  private static final String POD = "k8s/json/payments/Pod/api-1";
  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

  @Inject IncidentActivitiesImpl incidents;
  @Inject ActionJournal journal;
  @Inject IncidentQueries queries;
  @Inject OperatorActionActivitiesImpl operatorActions;
  @Inject ActionRepository actions;

  private String openIncident(String id) {
    ResourceRef resource = new ResourceRef(POD, "k8s/Pod", "json", "payments", "api-1", Map.of());
    incidents.openIncident(
        new OpenIncidentRequest(
            id,
            "remediation:" + POD,
            resource,
            "crashloop-pod",
            "critical",
            "CrashLoopBackOff on " + POD,
            new HealthObservation(
                "e-" + id,
                POD,
                HealthState.Unhealthy,
                AT,
                List.of("CrashLoopBackOff"),
                "critical",
                "CrashLoopBackOff"),
            false,
            AT));
    return id;
  }

  @Test
  void timelineDetails_writtenByTheIncidentActivities_readByTheApiAsWritten() {
    String id = openIncident("json-timeline");
    Map<String, String> details =
        Map.of("reason", "say \"why\"", "node", "nöde-1", "replicas", "2");

    incidents.recordTimeline(
        new TimelineEntry(id, 40, "action", "scaled", "vigil", details, AT.plusSeconds(1)));

    List<TimelineEvent> timeline = queries.timeline(id);
    assertThat(timeline)
        .filteredOn(e -> e.seq() == 40)
        .singleElement()
        .satisfies(e -> assertThat(e.details()).isEqualTo(details));
  }

  @Test
  void actionParams_writtenByTheJournal_readByTheApiAsWritten() {
    String id = openIncident("json-journal");
    Map<String, String> params = Map.of("replicas", "3", "note", "a \"quoted\" ü", "empty", "");
    ActionRequest request =
        new ActionRequest(
            new ActionContext("remediation:" + POD, id, POD, 1, 1, ActionContext.Kind.ACTION, true),
            new ResourceRef(POD, "k8s/Pod", "json", "payments", "api-1", Map.of()),
            "k8s.scale",
            "owner",
            params);

    ActionResult result =
        journal.execute(
            request,
            new ActionStep() {
              @Override
              public String plan() {
                return "would scale payments/api to 3";
              }

              @Override
              public ActionResult perform() {
                throw new AssertionError("a dry run does not act");
              }
            });

    assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.WOULD_DO);
    List<ActionExecution> actions = queries.actions(id);
    assertThat(actions)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.params()).isEqualTo(params);
              assertThat(a.summary()).isEqualTo("would scale payments/api to 3");
              assertThat(a.dryRun()).isTrue();
            });
  }

  @Test
  void operatorActionColumns_writtenByTheWorkflowsActivity_readByTheApiAsWritten() {
    Map<String, String> params =
        Map.of(
            "replicas", "3", "note", "a \"quoted\" ü\\n", "multi", "line 1\nline 2", "empty", "");
    List<String> affected = List.of("svc/api-1", "svc/ä \"2\"", "");
    Map<String, String> details = Map.of("from", "1", "to", "3", "why", "tab\there <&>");

    operatorActions.recordActionStatus(
        new OperatorActionStatus(
            "json-action",
            "action:" + POD + ":json-action",
            POD,
            "docker.scale",
            "payments/api",
            params,
            false,
            false,
            "svc",
            OperatorActionState.SUCCEEDED,
            3,
            "scaled \"payments/api\" to 3",
            "alice",
            AT,
            AT.plusSeconds(5),
            "bob",
            "DONE",
            affected,
            details,
            null));

    assertThat(actions.find("json-action"))
        .hasValueSatisfying(
            a -> {
              assertThat(a.params()).isEqualTo(params);
              assertThat(a.affected()).isEqualTo(affected);
              assertThat(a.details()).isEqualTo(details);
              assertThat(a.message()).isEqualTo("scaled \"payments/api\" to 3");
              assertThat(a.state()).isEqualTo("SUCCEEDED");
              assertThat(a.finished()).isTrue();
            });
  }
}
