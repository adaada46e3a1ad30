package dev.vigil.api;

import static dev.vigil.api.support.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.vigil.activities.docker.DockerActivitiesImpl;
import dev.vigil.activities.docker.ServiceLabels;
import dev.vigil.activities.incident.IncidentActivitiesImpl;
import dev.vigil.activities.lease.LeaseActivitiesImpl;
import dev.vigil.activities.operator.OperatorActionActivitiesImpl;
import dev.vigil.api.events.EventHub;
import dev.vigil.api.grpc.GrpcServer;
import dev.vigil.api.grpc.v1.ActionStatus;
import dev.vigil.api.grpc.v1.CancelMitigationRequest;
import dev.vigil.api.grpc.v1.ClusterInfo;
import dev.vigil.api.grpc.v1.DecideApprovalRequest;
import dev.vigil.api.grpc.v1.Event;
import dev.vigil.api.grpc.v1.ExecuteActionRequest;
import dev.vigil.api.grpc.v1.FleetSummary;
import dev.vigil.api.grpc.v1.GetActionStatusRequest;
import dev.vigil.api.grpc.v1.GetClusterInfoRequest;
import dev.vigil.api.grpc.v1.GetFleetSummaryRequest;
import dev.vigil.api.grpc.v1.GetIncidentRequest;
import dev.vigil.api.grpc.v1.GetResourceRequest;
import dev.vigil.api.grpc.v1.IncidentDetail;
import dev.vigil.api.grpc.v1.ListIncidentsRequest;
import dev.vigil.api.grpc.v1.ListIncidentsResponse;
import dev.vigil.api.grpc.v1.ListResourcesRequest;
import dev.vigil.api.grpc.v1.ListResourcesResponse;
import dev.vigil.api.grpc.v1.Resource;
import dev.vigil.api.grpc.v1.SignalAccepted;
import dev.vigil.api.grpc.v1.StreamEventsRequest;
import dev.vigil.api.grpc.v1.VigilServiceGrpc;
import dev.vigil.api.support.ApiTestBase;
import dev.vigil.api.support.Http;
import dev.vigil.api.support.SignalRecordingWorkflow;
import dev.vigil.api.support.WorkflowUnderTest;
import dev.vigil.testkit.TestDocker;
import dev.vigil.testkit.TestImages;
import dev.vigil.workflows.activity.OpenIncidentRequest;
import dev.vigil.workflows.activity.PageRequest;
import dev.vigil.workflows.activity.PageResult;
import dev.vigil.workflows.activity.PagingActivities;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.HealthState;
import dev.vigil.workflows.workflow.OperatorActionWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.ResourceRef;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.worker.Worker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The gRPC API with a real client: the generated {@code VigilServiceGrpc} stubs over a real channel
 * to the api service's server, bearer tokens in metadata. Every RPC is called; ExecuteAction scales
 * a real Docker service through the real Docker activity, storm guard (PostgreSQL leases) and
 * operator-action record, and another waits THROTTLED until the storm guard lets it act;
 * StreamEvents receives an incident the real incident activity opens while the stream is open; auth
 * failures are UNAUTHENTICATED and PERMISSION_DENIED (audited for mutations); errors carry
 * ErrorInfo and BadRequest details; every call is counted per method and code.
 */
// not transactional: the incident activity must commit for the event stream to see its row
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class GrpcApiIT extends ApiTestBase {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final String SERVICE = "vg" + UUID.randomUUID().toString().substring(0, 8);
  static final String APP = "docker/service/" + SERVICE;
  static final String STORM_SERVICE = "storm-" + SERVICE;
  static final String STORM_APP = "docker/service/" + STORM_SERVICE;
  static final String POD = "k8s/grpc/payments/Pod/api-" + SERVICE;
  static final String GATED =
      """
      policies:
        - name: grpc-gated
          match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
          ladder:
            - { action: k8s.deletePod, requiresApproval: true }
      """;

  /** Pages nowhere: the storm guard of this test never declares a storm. */
  static final class NoPaging implements PagingActivities {
    @Override
    public PageResult triggerPage(PageRequest request) {
      return new PageResult(request.dedupKey(), "TRIGGERED", "test");
    }

    @Override
    public PageResult resolvePage(PageRequest request) {
      return new PageResult(request.dedupKey(), "RESOLVED", "test");
    }
  }

  /**
   * The worker: the real operator-action workflow with the real Docker, lease and record activities
   * (short storm-guard waits), and the recording remediation for the signals.
   */
  @Singleton
  @Replaces(WorkflowUnderTest.Recording.class)
  @Requires(property = "spec.name", value = "GrpcApiIT")
  static class RealActivities implements WorkflowUnderTest {
    private final DockerActivitiesImpl docker;
    private final LeaseActivitiesImpl leases;
    private final OperatorActionActivitiesImpl records;

    RealActivities(
        DockerActivitiesImpl docker,
        LeaseActivitiesImpl leases,
        OperatorActionActivitiesImpl records) {
      this.docker = docker;
      this.leases = leases;
      this.records = records;
    }

    @Override
    public void register(Worker worker) {
      worker.registerWorkflowImplementationTypes(SignalRecordingWorkflow.class);
      RemediationWorkflowOptions options =
          new RemediationWorkflowOptions(
              RemediationWorkflowOptions.DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
              Duration.ofSeconds(10),
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofMinutes(1));
      OperatorActionWorkflowImpl.register(worker, options);
      worker.registerActivitiesImplementations(docker, leases, records, new NoPaging());
    }
  }

  @Inject GrpcServer grpc;
  @Inject EmbeddedServer server;
  @Inject EventHub hub;
  @Inject MeterRegistry metrics;
  @Inject RemediationClient remediations;
  @Inject IncidentActivitiesImpl incidentActivities;
  ManagedChannel channel;
  Http http;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("spec.name", "GrpcApiIT");
    p.put("vigil.docker.host", TestDocker.host());
    p.put("vigil.docker.readiness-poll", "100ms");
    p.put("vigil.docker.readiness-timeout", "30s");
    p.put("vigil.docker.stop-timeout", "1s");
    p.put("vigil.storm-guard.max-concurrent", "1");
    p.put("vigil.api.actions.max-throttled", "24h");
    return p;
  }

  @BeforeAll
  void connect() {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    http = new Http(server.getURL().toString());
    seed.resource(APP, "docker/service", "grpc-scale", null, "Unhealthy", "[]");
    seed.resource(STORM_APP, "docker/service", "grpc-storm", null, "Unhealthy", "[]");
    seed.resource(POD, "k8s/Pod", "grpc", "payments", "Unhealthy", "[]");
    if (TestDocker.available()) {
      // one replica each: dry runs read the service's state to plan, scale acts on it
      seedReplica(SERVICE, TestDocker.freePortBlock(4));
      seedReplica(STORM_SERVICE, TestDocker.freePortBlock(4));
    }
  }

  @AfterAll
  void disconnect() throws Exception {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    if (TestDocker.available()) {
      TestDocker.removeContainersLabelled(ServiceLabels.SERVICE, SERVICE);
      TestDocker.removeContainersLabelled(ServiceLabels.SERVICE, STORM_SERVICE);
    }
  }

  VigilServiceGrpc.VigilServiceBlockingStub as(String token) {
    VigilServiceGrpc.VigilServiceBlockingStub stub = VigilServiceGrpc.newBlockingStub(channel);
    if (token != null) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static StatusRuntimeException failure(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run);
  }

  static ErrorInfo errorInfo(StatusRuntimeException e) throws Exception {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    return status.getDetailsList().stream()
        .filter(d -> d.is(ErrorInfo.class))
        .findFirst()
        .orElseThrow()
        .unpack(ErrorInfo.class);
  }

  ActionStatus awaitAction(String actionId, String state) {
    ActionStatus[] last = new ActionStatus[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] =
                  as(READER)
                      .getActionStatus(
                          GetActionStatusRequest.newBuilder().setActionId(actionId).build());
              return state.equals(last[0].getState());
            });
    return last[0];
  }

  double calls(String method, Status.Code code) {
    var timer =
        metrics
            .find("vigil.grpc.server.requests")
            .tags("method", method, "code", code.name())
            .timer();
    return timer == null ? 0 : timer.count();
  }

  // ---- reads ------------------------------------------------------------------------------------

  @Test
  void getClusterInfo_reportsVersionClustersPoliciesTemporalDependenciesAndTheCatalog() {
    ClusterInfo info = as(READER).getClusterInfo(GetClusterInfoRequest.getDefaultInstance());

    assertThat(info.getVersion()).isNotBlank().isNotEqualTo("unknown").doesNotContain("${");
    assertThat(info.getClustersList())
        .anySatisfy(
            c -> {
              assertThat(c.getName()).isEqualTo("grpc-scale");
              assertThat(c.getResources()).isEqualTo(1);
            });
    assertThat(info.getPoliciesList()).isNotEmpty();
    assertThat(info.getTemporalNamespace()).isEqualTo("default");
    assertThat(info.getTemporalTaskQueue()).isEqualTo("vigil-remediation");
    assertThat(info.getDependenciesList())
        .extracting(d -> d.getName())
        .contains("postgresql", "temporal");
    assertThat(info.getDependenciesList())
        .filteredOn(d -> d.getName().equals("postgresql"))
        .allSatisfy(d -> assertThat(d.getUp()).isTrue());
    assertThat(info.getActionsList())
        .anySatisfy(
            a -> {
              assertThat(a.getAction()).isEqualTo("docker.scale");
              assertThat(a.getParamsList())
                  .anySatisfy(
                      p -> {
                        assertThat(p.getName()).isEqualTo("replicas");
                        assertThat(p.getRequired()).isTrue();
                        assertThat(p.getType()).isEqualTo("integer");
                      });
            });
  }

  @Test
  void getFleetSummary_answersWhatRestAnswers() {
    FleetSummary summary = as(READER).getFleetSummary(GetFleetSummaryRequest.getDefaultInstance());

    assertThat(summary.getTotal()).isGreaterThanOrEqualTo(3);
    assertThat(http.get("/v1/fleet/summary", READER).body())
        .contains("\"total\":" + summary.getTotal());
    assertThat(summary.getByHealthMap()).containsKeys("Healthy", "Degraded", "Unhealthy");
    assertThat(summary.getByPhaseMap()).containsKey("MITIGATING");
  }

  @Test
  void listResources_takesTheRestFiltersAndCursor() {
    for (int i = 1; i <= 3; i++) {
      seed.resource("k8s/list/ns/Pod/p" + i, "k8s/Pod", "grpc-list", "ns", "Degraded", "[]");
    }
    ListResourcesResponse first =
        as(READER)
            .listResources(
                ListResourcesRequest.newBuilder().setCluster("grpc-list").setLimit(2).build());
    assertThat(first.getItemsList())
        .extracting(Resource::getId)
        .containsExactly("k8s/list/ns/Pod/p1", "k8s/list/ns/Pod/p2");
    assertThat(first.getNextCursor()).isNotEmpty();
    // the same opaque cursor REST hands out
    assertThat(http.get("/v1/resources?cluster=grpc-list&limit=2", READER).body())
        .contains("\"nextCursor\":\"" + first.getNextCursor() + "\"");

    ListResourcesResponse second =
        as(READER)
            .listResources(
                ListResourcesRequest.newBuilder()
                    .setCluster("grpc-list")
                    .setLimit(2)
                    .setCursor(first.getNextCursor())
                    .build());
    assertThat(second.getItemsList())
        .extracting(Resource::getId)
        .containsExactly("k8s/list/ns/Pod/p3");
    assertThat(second.getNextCursor()).isEmpty();

    StatusRuntimeException bad =
        failure(
            () ->
                as(READER)
                    .listResources(
                        ListResourcesRequest.newBuilder().setHealthState("Sick").build()));
    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void getResource_findsIt_andAnswersNotFoundWithErrorInfo() throws Exception {
    Resource pod = as(READER).getResource(GetResourceRequest.newBuilder().setId(POD).build());
    assertThat(pod.getType()).isEqualTo("k8s/Pod");
    assertThat(pod.getHealthState()).isEqualTo("Unhealthy");
    assertThat(pod.hasLastEventTimestamp()).isTrue();

    StatusRuntimeException missing =
        failure(
            () ->
                as(READER).getResource(GetResourceRequest.newBuilder().setId("k8s/none").build()));
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(missing.getStatus().getDescription()).isEqualTo("no resource k8s/none");
    ErrorInfo info = errorInfo(missing);
    assertThat(info.getReason()).isEqualTo("not-found");
    assertThat(info.getDomain()).isEqualTo("vigil.dev");
  }

  @Test
  void listIncidents_andGetIncident_withTimelineAndActions() {
    seed.incident("inc-grpc", POD, "mitigating", "critical", Instant.now());
    seed.timeline("inc-grpc", 1, "phase", "MITIGATING: delete pod", "{\"step\": \"1\"}");
    ListIncidentsResponse list =
        as(READER).listIncidents(ListIncidentsRequest.newBuilder().setResourceId(POD).build());
    assertThat(list.getItemsList()).extracting(i -> i.getId()).contains("inc-grpc");

    IncidentDetail detail =
        as(READER).getIncident(GetIncidentRequest.newBuilder().setId("inc-grpc").build());
    assertThat(detail.getIncident().getResourceId()).isEqualTo(POD);
    assertThat(detail.getIncident().getStatus()).isEqualTo("mitigating");
    assertThat(detail.getTimelineList()).hasSize(1);
    assertThat(detail.getTimeline(0).getDetails().getFieldsMap().get("step").getStringValue())
        .isEqualTo("1");
  }

  // ---- operator actions -------------------------------------------------------------------------

  @Test
  void executeAction_scalesARealDockerService_andItsStatusIsTrackedToTheEnd() {
    TestDocker.assumeAvailable();

    ActionStatus requested =
        as(ACTOR)
            .executeAction(
                ExecuteActionRequest.newBuilder()
                    .setResourceId(APP)
                    .setAction("docker.scale")
                    .putParams("replicas", "2")
                    .build());
    assertThat(requested.getState()).isEqualTo("REQUESTED");
    assertThat(requested.getWorkflowId())
        .isEqualTo("action:" + APP + ":" + requested.getActionId());
    assertThat(requested.getRequestedBy()).isEqualTo("dash");

    ActionStatus done = awaitAction(requested.getActionId(), "SUCCEEDED");
    assertThat(done.getFinished()).isTrue();
    assertThat(done.getOutcome()).isEqualTo("SUCCEEDED");
    assertThat(done.getAffectedList()).containsExactly(SERVICE + "-1", SERVICE + "-2");
    assertThat(done.getDetailsMap()).containsEntry("previous", "1").containsEntry("ready", "2");
    assertThat(done.getScope()).isEqualTo("cluster=grpc-scale");
    List<Container> running =
        TestDocker.client()
            .listContainersCmd()
            .withLabelFilter(Map.of(ServiceLabels.SERVICE, SERVICE))
            .exec();
    assertThat(running).hasSize(2).allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
    // the same journal row as a ladder rung, and the same audit row as REST
    assertThat(
            seed.query(
                    "select outcome from action_execution where workflow_id = ?",
                    done.getWorkflowId())
                .get(0))
        .containsEntry("outcome", "SUCCEEDED");
    assertThat(
            seed.query(
                "select result, status_code from audit_log where actor = 'dash' and action ="
                    + " 'action.request' and target = ?",
                APP))
        .isNotEmpty();
    // and REST shows the same action
    assertThat(http.get("/v1/actions/" + done.getActionId(), READER).body())
        .contains("\"state\":\"SUCCEEDED\"");
  }

  @Test
  void executeAction_waitsThrottledInTheStormGuard_thenProceedsOnceTheScopeHasRoom() {
    TestDocker.assumeAvailable();
    // another holder has the one lease of the scope (max-concurrent 1)
    seed.sql(
        "insert into remediation_lease (holder, scope, resource_id, acquired_at, expires_at)"
            + " values ('remediation:blocker', 'cluster=grpc-storm', 'docker/service/blocker',"
            + " now(), now() + interval '1 hour')");
    ActionStatus requested =
        as(ACTOR)
            .executeAction(
                ExecuteActionRequest.newBuilder()
                    .setResourceId(STORM_APP)
                    .setAction("docker.scale")
                    .putParams("replicas", "3")
                    .setDryRun(true)
                    .build());

    ActionStatus throttled = awaitAction(requested.getActionId(), "THROTTLED");
    assertThat(throttled.getMessage()).contains("cluster=grpc-storm").contains("max-concurrent");
    assertThat(throttled.getFinished()).isFalse();
    assertThat(
            seed.query(
                "select count(*) as n from action_execution where workflow_id = ?",
                throttled.getWorkflowId()))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("n")).intValue()).isZero());

    seed.sql("delete from remediation_lease where holder = 'remediation:blocker'");

    ActionStatus done = awaitAction(requested.getActionId(), "SUCCEEDED");
    assertThat(done.getOutcome()).isEqualTo("WOULD_DO");
    assertThat(
            seed.query(
                "select count(*) as n from remediation_lease where holder = ?",
                done.getWorkflowId()))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("n")).intValue()).isZero());
  }

  @Test
  void executeAction_outsideTheCatalog_isInvalidArgumentNamingTheField() throws Exception {
    StatusRuntimeException bad =
        failure(
            () ->
                as(ACTOR)
                    .executeAction(
                        ExecuteActionRequest.newBuilder()
                            .setResourceId(APP)
                            .setAction("docker.scale")
                            .putParams("replicas", "many")
                            .build()));

    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(bad);
    BadRequest fields =
        status.getDetailsList().stream()
            .filter(d -> d.is(BadRequest.class))
            .findFirst()
            .orElseThrow()
            .unpack(BadRequest.class);
    assertThat(fields.getFieldViolations(0).getField()).isEqualTo("params.replicas");
    assertThat(errorInfo(bad).getReason()).isEqualTo("invalid-input");
    assertThat(
            seed.query(
                "select count(*) as n from audit_log where actor = 'dash' and result = 'invalid'"
                    + " and action = 'action.request'"))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("n")).intValue()).isPositive());
  }

  @Test
  void decideApproval_ofAnAction_andGetActionStatus_followIt() {
    TestDocker.assumeAvailable();
    ActionStatus requested =
        as(ACTOR)
            .executeAction(
                ExecuteActionRequest.newBuilder()
                    .setResourceId(APP)
                    .setAction("docker.restart")
                    .setDryRun(true)
                    .setRequireApproval(true)
                    .build());
    awaitAction(requested.getActionId(), "AWAITING_APPROVAL");

    SignalAccepted accepted =
        as(APPROVER)
            .decideApproval(
                DecideApprovalRequest.newBuilder()
                    .setActionId(requested.getActionId())
                    .setDecision("approve")
                    .setComment("go")
                    .build());
    assertThat(accepted.getBy()).isEqualTo("alice");
    assertThat(accepted.getWorkflowId()).isEqualTo(requested.getWorkflowId());

    ActionStatus done = awaitAction(requested.getActionId(), "SUCCEEDED");
    assertThat(done.getDecidedBy()).isEqualTo("alice");
    assertThat(done.getOutcome()).isEqualTo("WOULD_DO");
  }

  // ---- remediation signals ----------------------------------------------------------------------

  @Test
  void decideApproval_ofARung_andCancelMitigation_signalTheRemediation() {
    ResourceRef ref = new ResourceRef(POD, "k8s/Pod", "grpc", "payments", "api", Map.of());
    remediations.startOrSignal(
        ref,
        PolicyLoader.parse(GATED).get(0),
        new HealthObservation(
            "inc-gated",
            POD,
            HealthState.Unhealthy,
            Instant.now(),
            List.of("CrashLoopBackOff"),
            "critical",
            "CrashLoopBackOff"),
        false);
    seed.incident("inc-gated", POD, "mitigating", "critical", Instant.now());
    await().atMost(WAIT).until(() -> remediations.status(POD).isPresent());

    SignalAccepted approved =
        as(APPROVER)
            .decideApproval(
                DecideApprovalRequest.newBuilder()
                    .setIncidentId("inc-gated")
                    .setStep(1)
                    .setDecision("approve")
                    .setComment("ok")
                    .build());
    assertThat(approved.getSignal()).isEqualTo("decideApproval");
    assertThat(approved.getWorkflowId()).isEqualTo("remediation:" + POD);

    SignalAccepted cancelled =
        as(OPERATOR)
            .cancelMitigation(
                CancelMitigationRequest.newBuilder()
                    .setResourceId(POD)
                    .setReason("maintenance")
                    .build());
    assertThat(cancelled.getBy()).isEqualTo("ops-bot");
    await()
        .atMost(WAIT)
        .until(
            () ->
                http.get("/v1/resources/" + enc(POD), READER).statusCode() == 200
                    && remediations.status(POD).isEmpty());

    StatusRuntimeException none =
        failure(
            () ->
                as(OPERATOR)
                    .cancelMitigation(
                        CancelMitigationRequest.newBuilder()
                            .setResourceId(POD)
                            .setReason("again")
                            .build()));
    assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    StatusRuntimeException noSubject =
        failure(
            () ->
                as(APPROVER)
                    .decideApproval(
                        DecideApprovalRequest.newBuilder().setDecision("approve").build()));
    assertThat(noSubject.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  // ---- streaming --------------------------------------------------------------------------------

  @Test
  void streamEvents_receivesAnIncidentOpenedWhileItListens() {
    List<Event> received = new CopyOnWriteArrayList<>();
    ClientCallStreamObserver<?>[] call = new ClientCallStreamObserver<?>[1];
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + READER);
    VigilServiceGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .streamEvents(
            StreamEventsRequest.newBuilder().addEventTypes("incident").build(),
            new ClientResponseObserver<StreamEventsRequest, Event>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<StreamEventsRequest> stream) {
                call[0] = stream;
              }

              @Override
              public void onNext(Event event) {
                received.add(event);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    await()
        .atMost(WAIT)
        .until(() -> hub.clients().stream().anyMatch(c -> c.transport().equals("grpc")));

    // a health transition (filtered out), then the incident as IncidentActivities opens it
    seed.outbox(
        "observation",
        POD,
        "health.transition",
        EventStreamIT.observation(POD, "payments", "Unhealthy", "critical"));
    String incidentId = "inc-live-" + SERVICE;
    incidentActivities.openIncident(
        new OpenIncidentRequest(
            incidentId,
            "remediation:" + POD,
            new ResourceRef(POD, "k8s/Pod", "grpc", "payments", "api", Map.of()),
            "grpc-gated",
            "critical",
            "CrashLoopBackOff on " + POD,
            null,
            false,
            Instant.now()));

    await().atMost(WAIT).until(() -> !received.isEmpty());
    Event event = received.get(0);
    assertThat(event.getKind()).isEqualTo("incident");
    assertThat(event.getType()).contains("incident");
    assertThat(event.getIncidentId()).isEqualTo(incidentId);
    assertThat(event.getResourceId()).isEqualTo(POD);
    assertThat(event.getSeverity()).isEqualTo("critical");
    assertThat(event.getJson()).contains(incidentId);
    assertThat(received).allSatisfy(e -> assertThat(e.getKind()).isEqualTo("incident"));

    call[0].cancel("done", null);
    await()
        .atMost(WAIT)
        .until(() -> hub.clients().stream().noneMatch(c -> c.transport().equals("grpc")));
  }

  // ---- auth and metrics -------------------------------------------------------------------------

  @Test
  void withoutAValidToken_everyCallIsUnauthenticated() throws Exception {
    StatusRuntimeException none =
        failure(() -> as(null).getFleetSummary(GetFleetSummaryRequest.getDefaultInstance()));
    assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(none.getStatus().getDescription()).contains("bearer token is required");
    assertThat(errorInfo(none).getReason()).isEqualTo("unauthorized");

    StatusRuntimeException wrong =
        failure(
            () ->
                as("not-a-token")
                    .executeAction(ExecuteActionRequest.newBuilder().setResourceId(APP).build()));
    assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(calls("GetFleetSummary", Status.Code.UNAUTHENTICATED)).isPositive();
  }

  @Test
  void aTokenWithoutTheScope_isPermissionDenied_andARefusedMutationIsAudited() throws Exception {
    StatusRuntimeException reader =
        failure(
            () ->
                as(READER)
                    .executeAction(
                        ExecuteActionRequest.newBuilder()
                            .setResourceId(APP)
                            .setAction("docker.scale")
                            .putParams("replicas", "1")
                            .build()));
    assertThat(reader.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(reader.getStatus().getDescription()).contains("grafana").contains("action:write");
    assertThat(errorInfo(reader).getReason()).isEqualTo("forbidden");

    StatusRuntimeException operator =
        failure(
            () ->
                as(OPERATOR)
                    .decideApproval(
                        DecideApprovalRequest.newBuilder()
                            .setIncidentId("inc-x")
                            .setStep(1)
                            .setDecision("approve")
                            .build()));
    assertThat(operator.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    StatusRuntimeException actor =
        failure(
            () ->
                as(ACTOR)
                    .cancelMitigation(
                        CancelMitigationRequest.newBuilder()
                            .setResourceId(POD)
                            .setReason("no")
                            .build()));
    assertThat(actor.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    assertThat(
            seed.query(
                "select actor, target, status_code from audit_log where action ="
                    + " 'authorization.denied' and target like 'grpc:%' order by id"))
        .extracting(r -> r.get("actor") + " " + r.get("target") + " " + r.get("status_code"))
        .contains(
            "grafana grpc:vigil.v1.VigilService/ExecuteAction 403",
            "ops-bot grpc:vigil.v1.VigilService/DecideApproval 403",
            "dash grpc:vigil.v1.VigilService/CancelMitigation 403");
    assertThat(calls("ExecuteAction", Status.Code.PERMISSION_DENIED)).isPositive();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void seedReplica(String service, int basePort) {
    var docker = TestDocker.client();
    String image = TestImages.busyboxHttpd();
    Map<String, String> labels = new HashMap<>();
    labels.put(ServiceLabels.SERVICE, service);
    labels.put(ServiceLabels.SLOT, "1");
    labels.put(ServiceLabels.PORT, String.valueOf(basePort));
    labels.put(ServiceLabels.PROBE_PATH, "/health");
    String id =
        docker
            .createContainerCmd(image)
            .withName(service + "-1")
            .withLabels(labels)
            .withEnv("PORT=" + basePort)
            .withCmd("sh", "-c", "exec busybox httpd -f -p 127.0.0.1:$PORT -h /www")
            .withHealthcheck(
                new HealthCheck()
                    .withTest(
                        List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:$PORT/health"))
                    .withInterval(Duration.ofMillis(250).toNanos())
                    .withTimeout(Duration.ofSeconds(1).toNanos())
                    .withRetries(2))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
  }
}
