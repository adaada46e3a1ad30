package dev.vigil.api.grpc;

import dev.vigil.api.ApiInput;
import dev.vigil.api.action.ActionBody;
import dev.vigil.api.action.ActionService;
import dev.vigil.api.cluster.ClusterInfoService;
import dev.vigil.api.events.EventFilter;
import dev.vigil.api.events.EventHub;
import dev.vigil.api.events.StreamPermits;
import dev.vigil.api.fleet.FleetService;
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
import dev.vigil.api.incident.IncidentFilter;
import dev.vigil.api.incident.IncidentService;
import dev.vigil.api.mitigation.ApprovalBody;
import dev.vigil.api.mitigation.CancelBody;
import dev.vigil.api.mitigation.MitigationService;
import dev.vigil.api.resource.ResourceFilter;
import dev.vigil.api.resource.ResourceService;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code vigil.v1.VigilService}: each method translates its request, calls the service the REST
 * controller calls (the same checks, audit rows and answers), and translates the answer; errors
 * become gRPC statuses ({@link GrpcErrors}). Calls run on the blocking executor, as the REST
 * controllers do.
 */
@Singleton
public class VigilGrpcService extends VigilServiceGrpc.VigilServiceImplBase {
  private final ClusterInfoService cluster;
  private final FleetService fleet;
  private final ResourceService resources;
  private final IncidentService incidents;
  private final ActionService actions;
  private final MitigationService mitigations;
  private final EventHub hub;

  public VigilGrpcService(
      ClusterInfoService cluster,
      FleetService fleet,
      ResourceService resources,
      IncidentService incidents,
      ActionService actions,
      MitigationService mitigations,
      EventHub hub) {
    this.cluster = cluster;
    this.fleet = fleet;
    this.resources = resources;
    this.incidents = incidents;
    this.actions = actions;
    this.mitigations = mitigations;
    this.hub = hub;
  }

  @Override
  public void getClusterInfo(GetClusterInfoRequest request, StreamObserver<ClusterInfo> out) {
    answer(out, "GetClusterInfo", () -> ProtoMapper.cluster(cluster.info(GrpcCaller.current())));
  }

  @Override
  public void getFleetSummary(GetFleetSummaryRequest request, StreamObserver<FleetSummary> out) {
    answer(out, "GetFleetSummary", () -> ProtoMapper.fleet(fleet.summary(GrpcCaller.current())));
  }

  @Override
  public void listResources(
      ListResourcesRequest request, StreamObserver<ListResourcesResponse> out) {
    answer(
        out,
        "ListResources",
        () ->
            ProtoMapper.resources(
                resources.list(
                    GrpcCaller.current(),
                    new ResourceFilter(
                        ProtoMapper.orNull(request.getHealthState()),
                        ProtoMapper.orNull(request.getType()),
                        ProtoMapper.orNull(request.getCluster())),
                    request.getLimit() == 0 ? null : request.getLimit(),
                    ProtoMapper.orNull(request.getCursor()))));
  }

  @Override
  public void getResource(GetResourceRequest request, StreamObserver<Resource> out) {
    answer(
        out,
        "GetResource",
        () ->
            ProtoMapper.resource(
                resources.get(GrpcCaller.current(), ApiInput.resourceId(request.getId(), "id"))));
  }

  @Override
  public void listIncidents(
      ListIncidentsRequest request, StreamObserver<ListIncidentsResponse> out) {
    answer(
        out,
        "ListIncidents",
        () ->
            ProtoMapper.incidents(
                incidents.list(
                    GrpcCaller.current(),
                    new IncidentFilter(
                        ProtoMapper.orNull(request.getStatus()),
                        ProtoMapper.orNull(request.getResourceId())),
                    request.getLimit() == 0 ? null : request.getLimit(),
                    ProtoMapper.orNull(request.getCursor()))));
  }

  @Override
  public void getIncident(GetIncidentRequest request, StreamObserver<IncidentDetail> out) {
    answer(
        out,
        "GetIncident",
        () ->
            ProtoMapper.incidentDetail(
                incidents.detail(GrpcCaller.current(), ApiInput.name(request.getId(), "id"))));
  }

  @Override
  public void executeAction(ExecuteActionRequest request, StreamObserver<ActionStatus> out) {
    answer(
        out,
        "ExecuteAction",
        () -> {
          Map<String, Object> params = new LinkedHashMap<>(request.getParamsMap());
          return ProtoMapper.action(
              actions.request(
                  ApiInput.resourceId(request.getResourceId(), "resource_id"),
                  new ActionBody(
                      ProtoMapper.orNull(request.getAction()),
                      ProtoMapper.orNull(request.getTarget()),
                      params,
                      request.getDryRun(),
                      request.getRequireApproval()),
                  GrpcCaller.current()));
        });
  }

  @Override
  public void getActionStatus(GetActionStatusRequest request, StreamObserver<ActionStatus> out) {
    answer(
        out,
        "GetActionStatus",
        () ->
            ProtoMapper.action(
                actions.status(
                    GrpcCaller.current(), ApiInput.name(request.getActionId(), "action_id"))));
  }

  @Override
  public void cancelMitigation(
      CancelMitigationRequest request, StreamObserver<SignalAccepted> out) {
    answer(
        out,
        "CancelMitigation",
        () ->
            ProtoMapper.accepted(
                mitigations.cancel(
                    ApiInput.resourceId(request.getResourceId(), "resource_id"),
                    new CancelBody(ProtoMapper.orNull(request.getReason())),
                    GrpcCaller.current())));
  }

  @Override
  public void decideApproval(DecideApprovalRequest request, StreamObserver<SignalAccepted> out) {
    answer(
        out,
        "DecideApproval",
        () -> {
          ApprovalBody body =
              new ApprovalBody(
                  ProtoMapper.orNull(request.getDecision()),
                  ProtoMapper.orNull(request.getComment()));
          return ProtoMapper.accepted(
              switch (request.getSubjectCase()) {
                case INCIDENT_ID ->
                    mitigations.decide(
                        ApiInput.name(request.getIncidentId(), "incident_id"),
                        request.getStep(),
                        body,
                        GrpcCaller.current());
                case ACTION_ID ->
                    actions.decide(
                        ApiInput.name(request.getActionId(), "action_id"),
                        body,
                        GrpcCaller.current());
                case SUBJECT_NOT_SET ->
                    throw new ProblemException(
                        Problems.badRequest(
                            "name the incident_id (with its step) or the action_id", "subject"));
              });
        });
  }

  @Override
  public void streamEvents(StreamEventsRequest request, StreamObserver<Event> out) {
    ServerCallStreamObserver<Event> observer = (ServerCallStreamObserver<Event>) out;
    StreamPermits.Permit permit;
    EventFilter filter;
    try {
      filter =
          EventFilter.of(
              request.getEventTypesList(),
              request.getNamespacesList(),
              request.getSeveritiesList());
      permit = hub.permit(GrpcCaller.current(), "grpc", filter);
    } catch (RuntimeException e) {
      out.onError(GrpcErrors.of(e, "StreamEvents"));
      return;
    }
    GrpcEventStream[] holder = new GrpcEventStream[1];
    GrpcEventStream stream =
        new GrpcEventStream(
            observer,
            filter,
            GrpcCaller.current().visibility(),
            hub.bufferSize(),
            () -> {
              hub.detach(holder[0]);
              permit.close();
            });
    holder[0] = stream;
    observer.setOnReadyHandler(stream::drain);
    observer.setOnCancelHandler(stream::cancelled);
    hub.attach(stream);
  }

  private static <T> void answer(StreamObserver<T> out, String method, Supplier<T> call) {
    T answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      out.onError(GrpcErrors.of(e, method));
      return;
    }
    out.onNext(answer);
    out.onCompleted();
  }
}
