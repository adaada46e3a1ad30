package dev.vigil.api.action;

import dev.vigil.api.ApiInput;
import dev.vigil.api.AuditedMutations;
import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.api.mitigation.ApprovalBody;
import dev.vigil.api.mitigation.SignalAccepted;
import dev.vigil.api.mitigation.TemporalCalls;
import dev.vigil.api.mitigation.TemporalUnavailableException;
import dev.vigil.api.resource.ResourceRepository;
import dev.vigil.api.tenancy.OutOfScope;
import dev.vigil.platform.VigilConfig;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.client.OperatorActionClient;
import dev.vigil.workflows.policy.ActionParameters;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Rung;
import dev.vigil.workflows.workflow.ApprovalDecision;
import dev.vigil.workflows.workflow.OperatorActionInput;
import dev.vigil.workflows.workflow.OperatorActionState;
import dev.vigil.workflows.workflow.ResourceRef;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator actions (docs/design.md "Operator actions"), for REST and gRPC alike: a request is
 * checked against the catalog ({@link ActionParameters}) and the resource before its workflow
 * starts, then runs as {@code action:<resourceId>:<id>}; its status comes from {@code
 * operator_action}, or from the workflow while it runs. Every request and decision is audited,
 * refused ones too.
 */
@Singleton
public class ActionService {
  public static final String REQUEST = "action.request";
  public static final String DECIDE = "action.decide";
  private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

  /** Most params an action has; more is a mistake or an attack. */
  static final int MAX_PARAMS = 16;

  private final ResourceRepository resources;
  private final ActionRepository actions;
  private final OperatorActionClient client;
  private final TemporalCalls temporal;
  private final AuditedMutations audited;
  private final ActionsConfig config;
  private final VigilConfig vigil;
  private final AuditedReads reads;

  public ActionService(
      ResourceRepository resources,
      ActionRepository actions,
      OperatorActionClient client,
      TemporalCalls temporal,
      AuditedMutations audited,
      ActionsConfig config,
      VigilConfig vigil,
      AuditedReads reads) {
    this.resources = resources;
    this.actions = actions;
    this.client = client;
    this.temporal = temporal;
    this.audited = audited;
    this.config = config;
    this.vigil = vigil;
    this.reads = reads;
  }

  /**
   * Starts the action; 404 for an unknown resource, 400 for an action or params the catalog does
   * not accept on it, 503 when Temporal does not take the start.
   */
  public OperatorAction request(String resourceId, @Nullable ActionBody body, Caller caller) {
    return audited.run(
        caller,
        REQUEST,
        resourceId,
        body,
        () -> {
          if (body == null || body.action() == null || body.action().isBlank()) {
            throw new ProblemException(
                Problems.badRequest(
                    "action is required, one of "
                        + ActionParameters.all().stream()
                            .map(ActionParameters.Spec::action)
                            .toList(),
                    "action"));
          }
          String action = ApiInput.name(body.action().trim(), "action");
          String target =
              body.target() == null || body.target().isBlank()
                  ? Rung.TARGET_SELF
                  : ApiInput.name(body.target().trim(), "target");
          Map<String, String> params = params(body.params());
          ResourceRef resource =
              resources
                  .findRef(caller.visibility(), resourceId)
                  .orElseThrow(
                      () -> new ProblemException(Problems.notFound("no resource " + resourceId)));
          List<ActionParameters.Problem> problems =
              ActionParameters.problems(action, target, params, resource.type());
          if (!problems.isEmpty()) {
            throw new ProblemException(
                Problems.badRequest(
                    problems.stream()
                        .map(ActionParameters.Problem::message)
                        .collect(Collectors.joining("; ")),
                    problems.get(0).field()));
          }
          OperatorActionInput input =
              new OperatorActionInput(
                  UUID.randomUUID().toString(),
                  resource,
                  new ActionSpec(action, target, params),
                  vigil.dryRun() || Boolean.TRUE.equals(body.dryRun()),
                  Boolean.TRUE.equals(body.requireApproval()),
                  caller.actor(),
                  Instant.now(),
                  config.budgetScope(),
                  config.approvalTimeout(),
                  config.maxThrottled(),
                  config.timeout(),
                  config.retry());
          temporal.call(
              () -> {
                client.start(input);
                return null;
              },
              "start of " + input.workflowId());
          OperatorAction requested = OperatorAction.requested(input);
          actions.insertRequested(requested);
          LOG.info("operator action {} started by {}", input.workflowId(), caller.actor());
          return requested;
        });
  }

  /**
   * The action's status: the recorded row, or the workflow's answer while it runs (newer by up to
   * one change); 404 for an unknown id or an action on a resource the caller does not see (audited
   * as {@code action.get}).
   */
  public OperatorAction status(Caller caller, String actionId) {
    return reads.run(caller, "action.get", actionId, null, () -> read(caller, actionId));
  }

  private OperatorAction read(Caller caller, String actionId) {
    OperatorAction stored =
        actions
            .find(actionId)
            .orElseThrow(() -> new ProblemException(Problems.notFound("no action " + actionId)));
    if (resources.hidden(caller.visibility(), stored.resourceId())) {
      throw new OutOfScope("no action " + actionId);
    }
    if (stored.finished()) {
      return stored;
    }
    try {
      return OperatorAction.of(
          temporal.call(() -> client.status(stored.workflowId()), "status of " + actionId));
    } catch (TemporalUnavailableException e) {
      LOG.warn("answering action {} from PostgreSQL: {}", actionId, e.getMessage());
      return stored;
    }
  }

  /**
   * Approves or rejects an action waiting for approval; 404 for an unknown id or one the caller
   * does not see, 409 when it is not waiting for one.
   */
  public SignalAccepted decide(String actionId, @Nullable ApprovalBody body, Caller caller) {
    return audited.run(
        caller,
        DECIDE,
        actionId,
        body,
        () -> {
          ApprovalDecision.Decision decision = ApprovalBody.decisionOf(body);
          String comment = body.comment() == null ? "" : ApiInput.text(body.comment(), "comment");
          OperatorAction action = read(caller, actionId);
          if (!OperatorActionState.AWAITING_APPROVAL.name().equals(action.state())) {
            throw new ProblemException(
                Problems.conflict(
                    "action "
                        + actionId
                        + " is not awaiting approval (state "
                        + action.state()
                        + ")"));
          }
          boolean delivered =
              temporal.call(
                  () ->
                      client.decideApproval(
                          action.workflowId(),
                          new ApprovalDecision(1, decision, caller.actor(), comment)),
                  "approval signal to " + action.workflowId());
          if (!delivered) {
            throw new ProblemException(Problems.notFound("action " + actionId + " has ended"));
          }
          return new SignalAccepted(action.workflowId(), "decideApproval", caller.actor());
        });
  }

  /** What the catalog offers, for clients that build forms (gRPC's ClusterInfo). */
  public List<ActionParameters.Spec> catalog() {
    return ActionParameters.all();
  }

  private static Map<String, String> params(@Nullable Map<String, Object> given) {
    Map<String, String> params = new LinkedHashMap<>();
    if (given == null) {
      return params;
    }
    if (given.size() > MAX_PARAMS) {
      throw new ProblemException(
          Problems.badRequest("at most " + MAX_PARAMS + " params", "params"));
    }
    given.forEach(
        (name, value) -> {
          ApiInput.name(name, "params");
          if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new ProblemException(
                Problems.badRequest(
                    "params." + name + " must be a string, number or boolean", "params." + name));
          }
          params.put(name, ApiInput.text(value.toString(), "params." + name));
        });
    return params;
  }
}
