package dev.vigil.api.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.vigil.api.action.OperatorAction;
import dev.vigil.api.cluster.ClusterInfo;
import dev.vigil.api.events.StreamEvent;
import dev.vigil.api.fleet.FleetSummary;
import dev.vigil.api.grpc.v1.ActionParam;
import dev.vigil.api.grpc.v1.ActionSpec;
import dev.vigil.api.grpc.v1.ActionStatus;
import dev.vigil.api.grpc.v1.ActiveSignal;
import dev.vigil.api.grpc.v1.ApprovalRequest;
import dev.vigil.api.grpc.v1.ClusterSeen;
import dev.vigil.api.grpc.v1.DependencyHealth;
import dev.vigil.api.grpc.v1.Event;
import dev.vigil.api.grpc.v1.Incident;
import dev.vigil.api.grpc.v1.IncidentDetail;
import dev.vigil.api.grpc.v1.ListIncidentsResponse;
import dev.vigil.api.grpc.v1.ListResourcesResponse;
import dev.vigil.api.grpc.v1.MitigationStatus;
import dev.vigil.api.grpc.v1.Resource;
import dev.vigil.api.grpc.v1.SignalAccepted;
import dev.vigil.api.grpc.v1.TimelineEvent;
import dev.vigil.api.paging.Page;
import dev.vigil.api.resource.ResourceView;
import dev.vigil.workflows.policy.ActionParameters;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The API's answers as {@code vigil.v1} messages, field for field. Absent values stay unset
 * (proto3: empty strings, unset timestamps and messages).
 */
final class ProtoMapper {
  private ProtoMapper() {}

  static dev.vigil.api.grpc.v1.FleetSummary fleet(FleetSummary s) {
    return dev.vigil.api.grpc.v1.FleetSummary.newBuilder()
        .setTotal(s.total())
        .putAllByHealth(s.byHealth())
        .putAllPercentByHealth(s.percentByHealth())
        .putAllByPhase(s.byPhase())
        .putAllPercentByPhase(s.percentByPhase())
        .build();
  }

  static ListResourcesResponse resources(Page<ResourceView> page) {
    return ListResourcesResponse.newBuilder()
        .addAllItems(page.items().stream().map(ProtoMapper::resource).toList())
        .setNextCursor(text(page.nextCursor()))
        .build();
  }

  static Resource resource(ResourceView r) {
    Resource.Builder b =
        Resource.newBuilder()
            .setId(r.id())
            .setType(text(r.type()))
            .setHealthState(text(r.healthState()));
    if (r.lastEventTimestamp() != null) {
      b.setLastEventTimestamp(timestamp(r.lastEventTimestamp()));
    }
    for (var s : r.activeSignals()) {
      ActiveSignal.Builder signal =
          ActiveSignal.newBuilder()
              .setCode(text(s.code()))
              .setReason(text(s.reason()))
              .setCount(s.count())
              .setSeverity(s.severity() == null ? "" : s.severity().wire())
              .setMessage(text(s.message()));
      if (s.firstSeen() != null) {
        signal.setFirstSeen(timestamp(s.firstSeen()));
      }
      if (s.lastSeen() != null) {
        signal.setLastSeen(timestamp(s.lastSeen()));
      }
      if (s.expiresAt() != null) {
        signal.setExpiresAt(timestamp(s.expiresAt()));
      }
      b.addActiveSignals(signal);
    }
    var m = r.mitigationStatus();
    if (m != null) {
      b.setMitigationStatus(
          MitigationStatus.newBuilder()
              .setAttemptCount(m.attemptCount())
              .setLastAction(text(m.lastAction()))
              .setPhase(text(m.phase()))
              .setWorkflowId(text(m.workflowId()))
              .setIncidentId(text(m.incidentId())));
    }
    return b.build();
  }

  static ListIncidentsResponse incidents(Page<dev.vigil.store.contracts.Incident> page) {
    return ListIncidentsResponse.newBuilder()
        .addAllItems(page.items().stream().map(ProtoMapper::incident).toList())
        .setNextCursor(text(page.nextCursor()))
        .build();
  }

  static Incident incident(dev.vigil.store.contracts.Incident i) {
    Incident.Builder b =
        Incident.newBuilder()
            .setId(i.id())
            .setResourceId(text(i.resourceId()))
            .setResourceType(text(i.resourceType()))
            .setCluster(text(i.cluster()))
            .setWorkflowId(text(i.workflowId()))
            .setPolicy(text(i.policy()))
            .setStatus(text(i.status()))
            .setSeverity(text(i.severity()))
            .setSummary(text(i.summary()))
            .setPhase(text(i.phase()))
            .setAttempts(i.attempts())
            .setDryRun(i.dryRun())
            .setResolvedBy(text(i.resolvedBy()));
    set(i.openedAt(), b::setOpenedAt);
    set(i.updatedAt(), b::setUpdatedAt);
    set(i.closedAt(), b::setClosedAt);
    return b.build();
  }

  static IncidentDetail incidentDetail(dev.vigil.api.incident.IncidentDetail d) {
    IncidentDetail.Builder b =
        IncidentDetail.newBuilder()
            .setIncident(incident(d.incident()))
            .setLivePhase(text(d.livePhase()));
    for (var t : d.timeline()) {
      TimelineEvent.Builder event =
          TimelineEvent.newBuilder()
              .setSeq(t.seq())
              .setKind(text(t.kind()))
              .setPhase(text(t.phase()))
              .setMessage(text(t.message()))
              .setActor(text(t.actor()))
              .setDetails(struct(t.details()));
      set(t.at(), event::setAt);
      b.addTimeline(event);
    }
    for (var a : d.actions()) {
      dev.vigil.api.grpc.v1.ActionExecution.Builder action =
          dev.vigil.api.grpc.v1.ActionExecution.newBuilder()
              .setRung(a.rung())
              .setAttempt(a.attempt())
              .setKind(text(a.kind()))
              .setAction(text(a.action()))
              .setTarget(text(a.target()))
              .setParams(struct(a.params()))
              .setDryRun(a.dryRun())
              .setOutcome(text(a.outcome()))
              .setSummary(text(a.summary()))
              .setErrorType(text(a.errorType()))
              .setError(text(a.error()))
              .setTries(a.tries());
      set(a.startedAt(), action::setStartedAt);
      set(a.finishedAt(), action::setFinishedAt);
      b.addActions(action);
    }
    if (d.pendingApproval() != null) {
      var p = d.pendingApproval();
      ApprovalRequest.Builder approval =
          ApprovalRequest.newBuilder().setStep(p.step()).setAction(text(p.action()));
      set(p.requestedAt(), approval::setRequestedAt);
      set(p.expiresAt(), approval::setExpiresAt);
      b.setPendingApproval(approval);
    }
    return b.build();
  }

  static ActionStatus action(OperatorAction a) {
    ActionStatus.Builder b =
        ActionStatus.newBuilder()
            .setActionId(a.id())
            .setWorkflowId(a.workflowId())
            .setResourceId(a.resourceId())
            .setAction(a.action())
            .setTarget(text(a.target()))
            .putAllParams(a.params())
            .setDryRun(a.dryRun())
            .setRequireApproval(a.requireApproval())
            .setState(a.state())
            .setFinished(a.finished())
            .setRequestedBy(text(a.requestedBy()))
            .setMessage(text(a.message()))
            .setOutcome(text(a.outcome()))
            .addAllAffected(a.affected())
            .putAllDetails(a.details())
            .setErrorType(text(a.errorType()))
            .setDecidedBy(text(a.decidedBy()))
            .setScope(text(a.scope()));
    set(a.requestedAt(), b::setRequestedAt);
    set(a.updatedAt(), b::setUpdatedAt);
    return b.build();
  }

  static SignalAccepted accepted(dev.vigil.api.mitigation.SignalAccepted s) {
    return SignalAccepted.newBuilder()
        .setWorkflowId(text(s.workflowId()))
        .setSignal(s.signal())
        .setBy(s.by())
        .build();
  }

  static dev.vigil.api.grpc.v1.ClusterInfo cluster(ClusterInfo info) {
    dev.vigil.api.grpc.v1.ClusterInfo.Builder b =
        dev.vigil.api.grpc.v1.ClusterInfo.newBuilder()
            .setVersion(info.version())
            .addAllPolicies(info.policies())
            .setTemporalNamespace(info.temporalNamespace())
            .setTemporalTaskQueue(info.temporalTaskQueue());
    info.clusters()
        .forEach(
            c ->
                b.addClusters(
                    ClusterSeen.newBuilder().setName(c.cluster()).setResources(c.resources())));
    for (ClusterInfo.Dependency d : info.dependencies()) {
      DependencyHealth.Builder dependency =
          DependencyHealth.newBuilder().setName(d.name()).setUp(d.up()).setError(text(d.error()));
      set(d.since(), dependency::setSince);
      b.addDependencies(dependency);
    }
    for (ActionParameters.Spec spec : info.actions()) {
      ActionSpec.Builder action =
          ActionSpec.newBuilder()
              .setAction(spec.action())
              .addResourceTypes(spec.resourceTypePrefix() + "*");
      for (ActionParameters.Param p : spec.params()) {
        action.addParams(
            ActionParam.newBuilder()
                .setName(p.name())
                .setType(p.type().wire())
                .setRequired(p.required())
                .setDescription(p.description()));
      }
      b.addActions(action);
    }
    return b.build();
  }

  static Event event(StreamEvent e) {
    Event.Builder b =
        Event.newBuilder()
            .setId(e.id())
            .setKind(e.name())
            .setType(text(e.type()))
            .setResourceId(text(e.resourceId()))
            .setIncidentId(text(e.incidentId()))
            .setNamespace(text(e.namespace()))
            .setSeverity(text(e.severity()))
            .setJson(e.json());
    set(e.time(), b::setTime);
    return b.build();
  }

  // ---- values -----------------------------------------------------------------------------------

  static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  static @Nullable String orNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static void set(@Nullable Instant t, java.util.function.Consumer<Timestamp> setter) {
    if (t != null) {
      setter.accept(timestamp(t));
    }
  }

  static Struct struct(@Nullable Map<String, ?> map) {
    Struct.Builder b = Struct.newBuilder();
    if (map != null) {
      map.forEach((k, v) -> b.putFields(k, value(v)));
    }
    return b.build();
  }

  private static Value value(@Nullable Object v) {
    if (v == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (v instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    }
    if (v instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    }
    if (v instanceof Map<?, ?> m) {
      Struct.Builder s = Struct.newBuilder();
      m.forEach((k, x) -> s.putFields(String.valueOf(k), value(x)));
      return Value.newBuilder().setStructValue(s).build();
    }
    if (v instanceof List<?> list) {
      ListValue.Builder l = ListValue.newBuilder();
      list.forEach(x -> l.addValues(value(x)));
      return Value.newBuilder().setListValue(l).build();
    }
    return Value.newBuilder().setStringValue(v.toString()).build();
  }
}
