package dev.vigil.activities.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.activities.PostgresContext;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.IncidentStatus;
import dev.vigil.workflows.activity.OpenIncidentRequest;
import dev.vigil.workflows.activity.PhaseChange;
import dev.vigil.workflows.activity.TimelineEntry;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.Phase;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Incident records against a real PostgreSQL, called through Temporal's {@link
 * TestActivityEnvironment} (so the records' JSON round trip is the one a worker sees).
 */
@Timeout(60)
class IncidentActivitiesImplTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private static TestPostgres.Database db;
  private static ApplicationContext ctx;
  private static TestActivityEnvironment env;
  private static IncidentActivities incidents;

  private String incidentId;
  private String resourceId;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("incidents");
    ctx = PostgresContext.start(db, Map.of("vigil.incidents.source", "/vigil/test"));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(ctx.getBean(IncidentActivities.class));
    incidents =
        env.newActivityStub(
            IncidentActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterAll
  static void stop() {
    env.close();
    ctx.close();
  }

  @BeforeEach
  void resource() throws Exception {
    incidentId = UUID.randomUUID().toString();
    resourceId = "docker/service/app-" + incidentId.substring(0, 8);
    sql(
        "insert into resource_state (id, type, cluster, health_state) values (?, 'docker/service',"
            + " 'prod-eu', 'Unhealthy')",
        resourceId);
  }

  @Test
  void openIncident_writesIncidentMitigationStatusAndOneDetectedCloudEvent_once() throws Exception {
    incidents.openIncident(open());
    incidents.openIncident(open());

    assertThat(rows("select status, phase, attempts, policy, severity from incident where id = ?"))
        .containsExactly(List.of("open", "UNHEALTHY", "0", "app-high-cpu", "critical"));
    assertThat(
            rows(
                "select phase, attempt_count, workflow_id, incident_id from resource_state where id"
                    + " = ?",
                resourceId))
        .containsExactly(List.of("UNHEALTHY", "0", "remediation:" + resourceId, incidentId));
    List<JsonNode> events = outbox();
    assertThat(events).hasSize(1);
    JsonNode ce = events.get(0);
    assertThat(ce.get("specversion").asText()).isEqualTo("1.0");
    assertThat(ce.get("id").asText()).isEqualTo(incidentId + "/detected");
    assertThat(ce.get("source").asText()).isEqualTo("/vigil/test");
    assertThat(ce.get("type").asText()).isEqualTo("dev.cdevents.incident.detected.0.2.0");
    assertThat(ce.get("subject").asText()).isEqualTo(incidentId);
    assertThat(ce.get("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(ce.get("datacontenttype").asText()).isEqualTo("application/json");
    JsonNode cd = ce.get("data");
    assertThat(cd.at("/context/version").asText()).isEqualTo("0.4.1");
    assertThat(cd.at("/context/id").asText()).isEqualTo(incidentId + "/detected");
    assertThat(cd.at("/context/type").asText()).isEqualTo("dev.cdevents.incident.detected.0.2.0");
    assertThat(cd.at("/context/source").asText()).isEqualTo("/vigil/test");
    assertThat(cd.at("/context/timestamp").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(cd.at("/subject/id").asText()).isEqualTo(incidentId);
    assertThat(cd.at("/subject/type").asText()).isEqualTo("incident");
    assertThat(cd.at("/subject/content/description").asText())
        .isEqualTo("HighCPU on " + resourceId);
    assertThat(cd.at("/subject/content/environment/id").asText()).isEqualTo("prod-eu");
    assertThat(cd.at("/subject/content/service/id").asText()).isEqualTo(resourceId);
    assertThat(cd.at("/subject/content/ticketURI").isMissingNode()).isTrue();
    assertThat(cd.at("/customData/status").asText()).isEqualTo("open");
    assertThat(cd.at("/customData/policy").asText()).isEqualTo("app-high-cpu");
    assertThat(outboxMeta())
        .containsExactly(List.of("incident", incidentId, "dev.cdevents.incident.detected.0.2.0"));
  }

  @Test
  void recordPhase_updatesIncidentAndResource_addsTimeline_andEmitsOnlyOnStatusChanges()
      throws Exception {
    incidents.openIncident(open());

    incidents.recordPhase(
        phase(1, Phase.MITIGATING, IncidentStatus.MITIGATING, 1, "docker.scale", "vigil"));
    incidents.recordPhase(
        phase(1, Phase.MITIGATING, IncidentStatus.MITIGATING, 1, "docker.scale", "vigil"));
    incidents.recordPhase(phase(2, Phase.PROBATION, null, 1, "docker.scale", "vigil"));

    assertThat(rows("select status, phase, attempts from incident where id = ?"))
        .containsExactly(List.of("mitigating", "PROBATION", "1"));
    assertThat(
            rows(
                "select phase, attempt_count, last_action from resource_state where id = ?",
                resourceId))
        .containsExactly(List.of("PROBATION", "1", "docker.scale"));
    assertThat(
            rows(
                "select seq, kind, phase, actor, details->>'status' from incident_event where"
                    + " incident_id = ? order by seq"))
        .containsExactly(
            List.of("1", "phase", "MITIGATING", "vigil", "mitigating"),
            List.of("2", "phase", "PROBATION", "vigil", "mitigating"));
    assertThat(outbox())
        .hasSize(1)
        .allMatch(e -> e.get("type").asText().endsWith("detected.0.2.0"));

    incidents.recordPhase(
        phase(3, Phase.TERMINAL, IncidentStatus.TERMINAL, 3, "docker.restart", "vigil"));

    JsonNode reported = outbox().get(1);
    assertThat(reported.get("type").asText()).isEqualTo("dev.cdevents.incident.reported.0.2.0");
    assertThat(reported.get("id").asText()).isEqualTo(incidentId + "/3");
    assertThat(reported.at("/data/subject/content/ticketURI").asText())
        .isEqualTo("http://127.0.0.1:8080/v1/incidents/" + incidentId);
    assertThat(reported.at("/data/subject/content/description").asText())
        .isEqualTo("TERMINAL at seq 3");
    assertThat(reported.at("/data/customData/status").asText()).isEqualTo("terminal");
    assertThat(reported.at("/data/customData/attempts").asInt()).isEqualTo(3);

    incidents.recordPhase(
        phase(4, Phase.CANCELLED, IncidentStatus.CANCELLED, 3, "docker.restart", "alice"));
    incidents.recordPhase(
        phase(4, Phase.CANCELLED, IncidentStatus.CANCELLED, 3, "docker.restart", "alice"));

    assertThat(
            rows(
                "select status, resolved_by, closed_at is not null, updated_at = closed_at from"
                    + " incident where id = ?"))
        .containsExactly(List.of("cancelled", "alice", "t", "t"));
    List<JsonNode> events = outbox();
    assertThat(events).hasSize(3);
    assertThat(events.get(2).get("type").asText())
        .isEqualTo("dev.cdevents.incident.resolved.0.2.0");
    assertThat(events.get(2).at("/data/customData/actor").asText()).isEqualTo("alice");
  }

  @Test
  void recordTimeline_isIdempotentOnSeq_andKeepsTheIncidentsPhase() throws Exception {
    incidents.openIncident(open());
    TimelineEntry entry =
        new TimelineEntry(
            incidentId,
            7,
            "approval.requested",
            "rung 3 needs approval",
            "vigil",
            Map.of("step", "3"),
            T0.plusSeconds(5));

    incidents.recordTimeline(entry);
    incidents.recordTimeline(entry);

    assertThat(
            rows(
                "select seq, kind, phase, message, details->>'step' from incident_event where"
                    + " incident_id = ?"))
        .containsExactly(
            List.of("7", "approval.requested", "UNHEALTHY", "rung 3 needs approval", "3"));
  }

  @Test
  void recordsForAnUnknownIncident_failNonRetryably() {
    String missing = "missing-" + UUID.randomUUID();

    Throwable timeline =
        catchThrowable(
            () ->
                incidents.recordTimeline(
                    new TimelineEntry(missing, 1, "x", "y", "vigil", Map.of(), T0)));
    Throwable phase =
        catchThrowable(
            () ->
                incidents.recordPhase(
                    new PhaseChange(
                        missing,
                        "remediation:x",
                        "x",
                        1,
                        Phase.MITIGATING,
                        null,
                        0,
                        0,
                        null,
                        "m",
                        "vigil",
                        T0)));

    for (Throwable t : List.of(timeline, phase)) {
      assertThat(t).isInstanceOf(ActivityFailure.class);
      ApplicationFailure failure = (ApplicationFailure) t.getCause();
      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
      assertThat(failure.isNonRetryable()).isTrue();
    }
  }

  private OpenIncidentRequest open() {
    ResourceRef resource =
        new ResourceRef(resourceId, "docker/service", "prod-eu", null, "app", Map.of());
    HealthObservation trigger =
        new HealthObservation(
            "evt-1",
            resourceId,
            HealthState.Unhealthy,
            T0,
            List.of("HighCPU"),
            "critical",
            "HighCPU");
    return new OpenIncidentRequest(
        incidentId,
        "remediation:" + resourceId,
        resource,
        "app-high-cpu",
        "critical",
        "HighCPU on " + resourceId,
        trigger,
        false,
        T0);
  }

  private PhaseChange phase(
      long seq, Phase phase, IncidentStatus status, int attempts, String lastAction, String actor) {
    return new PhaseChange(
        incidentId,
        "remediation:" + resourceId,
        resourceId,
        seq,
        phase,
        status,
        attempts,
        1,
        lastAction,
        phase + " at seq " + seq,
        actor,
        T0.plusSeconds(seq * 60));
  }

  private List<JsonNode> outbox() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (List<String> row :
        rows("select payload::text from outbox where aggregate_id = ? order by id")) {
      out.add(JSON.readTree(row.get(0)));
    }
    return out;
  }

  private List<List<String>> outboxMeta() throws Exception {
    return rows("select kind, aggregate_id, event_type from outbox where aggregate_id = ?");
  }

  private List<List<String>> rows(String query) throws Exception {
    return rows(query, incidentId);
  }

  private static List<List<String>> rows(String query, String param) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  private static void sql(String statement, String param) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, param);
      s.executeUpdate();
    }
  }
}
