package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.OperatorActionState.AWAITING_APPROVAL;
import static dev.vigil.workflows.workflow.OperatorActionState.CANCELLED;
import static dev.vigil.workflows.workflow.OperatorActionState.EXPIRED;
import static dev.vigil.workflows.workflow.OperatorActionState.FAILED;
import static dev.vigil.workflows.workflow.OperatorActionState.REJECTED;
import static dev.vigil.workflows.workflow.OperatorActionState.REQUESTED;
import static dev.vigil.workflows.workflow.OperatorActionState.RUNNING;
import static dev.vigil.workflows.workflow.OperatorActionState.SUCCEEDED;
import static dev.vigil.workflows.workflow.OperatorActionState.THROTTLED;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.LeaseActivities;
import dev.vigil.workflows.activity.LeaseDecision;
import dev.vigil.workflows.activity.LeaseRelease;
import dev.vigil.workflows.activity.LeaseRequest;
import dev.vigil.workflows.activity.OperatorActionActivities;
import dev.vigil.workflows.activity.PagingActivities;
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Durations;
import dev.vigil.workflows.policy.PageSpec;
import dev.vigil.workflows.policy.Rung;
import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One operator action, as docs/design.md "Operator actions" asks: {@code REQUESTED ->
 * [AWAITING_APPROVAL] -> [THROTTLED] -> RUNNING -> SUCCEEDED | FAILED}, ending early {@code
 * REJECTED}, {@code EXPIRED} or {@code CANCELLED}. It is a one-rung ladder: the same {@link
 * RungPlan} (activity options, lease lifetime), the same storm-guard lease in the same kind of
 * scope (refused: it waits THROTTLED, and sends the scope's storm page when the guard says so), the
 * same typed activity through {@link ActionDispatcher} and so the same action journal and
 * idempotency key. Unlike a rung, nothing is verified afterwards and nothing is undone: the
 * operator asked for exactly this change. Every change of state is written to {@code
 * operator_action}.
 */
public class OperatorActionWorkflowImpl implements OperatorActionWorkflow {
  private static final Logger log = Workflow.getLogger(OperatorActionWorkflowImpl.class);

  /** Rung number and attempt of the one action in the journal's idempotency key. */
  static final int RUNG = 1;

  // ---- Activity options, declared once (the remediation's) ------------------------------------

  private final OperatorActionActivities records =
      Workflow.newLocalActivityStub(
          OperatorActionActivities.class, RemediationWorkflowImpl.STATE_RECORDS);
  private final LeaseActivities leases =
      Workflow.newLocalActivityStub(LeaseActivities.class, RemediationWorkflowImpl.STATE_RECORDS);
  private final PagingActivities paging =
      Workflow.newActivityStub(PagingActivities.class, RemediationWorkflowImpl.PAGING);
  private final ActionDispatcher actions = ActionDispatcher.forWorkflow();

  // ---- Input ------------------------------------------------------------------------------------

  private final OperatorActionInput input;
  private final RemediationWorkflowOptions options;
  private final RungPlan plan;
  private final String scope;

  // ---- State ------------------------------------------------------------------------------------

  private OperatorActionState state = REQUESTED;
  private long seq;
  private String message;
  private Instant updatedAt;
  private String decidedBy;
  private ActionResult result;
  private String errorType;
  private ApprovalDecision decision;
  private String heldLease;
  private boolean stormPaged;

  @WorkflowInit
  public OperatorActionWorkflowImpl(OperatorActionInput input) {
    this(input, RemediationWorkflowOptions.defaults());
  }

  OperatorActionWorkflowImpl(OperatorActionInput input, RemediationWorkflowOptions options) {
    this.input = input;
    this.options = options;
    ActionSpec spec = input.action();
    this.plan =
        new RungPlan(
            0,
            1,
            new Rung(
                spec.action(),
                spec.target(),
                spec.params(),
                Duration.ZERO,
                input.requireApproval(),
                null,
                input.timeout(),
                input.retry()));
    this.scope = FleetBudget.scope(input.budgetScope(), input.resource());
    this.message = "requested by " + input.requestedBy();
    this.updatedAt = input.requestedAt();
  }

  /** Registers this workflow on a worker with the worker-side options of the remediation. */
  public static void register(Worker worker, RemediationWorkflowOptions options) {
    worker.registerWorkflowImplementationFactory(
        OperatorActionWorkflow.class,
        args -> new OperatorActionWorkflowImpl(args.get(0, OperatorActionInput.class), options),
        WorkflowImplementationOptions.getDefaultInstance());
  }

  // ---- The states -------------------------------------------------------------------------------

  @Override
  public OperatorActionStatus execute(OperatorActionInput ignored) {
    try {
      if (input.requireApproval() && !approved()) {
        return status();
      }
      if (!admitted()) {
        return status();
      }
      act();
      return status();
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(
              () -> {
                releaseLease();
                transition(CANCELLED, "cancelled in Temporal while " + state, null);
              })
          .run();
      throw e;
    }
  }

  /** AWAITING_APPROVAL: true once approved; REJECTED or EXPIRED otherwise. */
  private boolean approved() {
    Duration timeout = input.approvalTimeout();
    transition(
        AWAITING_APPROVAL,
        "waiting for approval of "
            + Narration.action(input.action(), input.resource())
            + " until "
            + now().plus(timeout),
        null);
    Workflow.await(timeout, () -> decision != null);
    if (decision == null) {
      transition(EXPIRED, "no approval within " + Durations.format(timeout), null);
      return false;
    }
    decidedBy = decision.by();
    String comment =
        decision.comment() == null || decision.comment().isBlank() ? "" : ": " + decision.comment();
    if (decision.decision() == Decision.REJECT) {
      transition(REJECTED, "rejected by " + decision.by() + comment, null);
      return false;
    }
    log.info("{} approved by {}", workflowId(), decision.by());
    return true;
  }

  /** The storm guard: a lease in the scope, waiting THROTTLED while refused, up to a deadline. */
  private boolean admitted() {
    Instant deadline = now().plus(input.maxThrottled());
    while (true) {
      LeaseDecision lease =
          leases.acquireLease(
              new LeaseRequest(
                  workflowId(),
                  scope,
                  input.resource().id(),
                  input.resource().type(),
                  input.resource().cluster(),
                  null,
                  plan.leaseTtl(options.leaseMargin())));
      if (lease.granted()) {
        heldLease = scope;
        return true;
      }
      if (lease.stormDeclared() && !stormPaged) {
        stormPaged = true;
        pageStorm(lease.reason());
      }
      Duration left = Duration.between(now(), deadline);
      if (left.isNegative() || left.isZero()) {
        transition(
            EXPIRED,
            "held back by the storm guard in "
                + scope
                + " for "
                + Durations.format(input.maxThrottled())
                + " ("
                + lease.reason()
                + ")",
            null);
        return false;
      }
      Duration wait =
          FleetBudget.retryDelay(
              lease.retryAfter(), options.throttleFloor(), options.throttleCeiling());
      if (state != THROTTLED) {
        transition(
            THROTTLED,
            input.action().action()
                + " held back: lease refused in "
                + scope
                + " ("
                + lease.reason()
                + ")",
            null);
      }
      Workflow.sleep(wait.compareTo(left) < 0 ? wait : left);
    }
  }

  /** RUNNING: the action through its activity, then SUCCEEDED or FAILED. */
  private void act() {
    ActionSpec spec = input.action();
    String summary =
        Narration.activitySummary(Narration.action(spec, input.resource()), false, input.dryRun());
    transition(
        RUNNING, (decidedBy == null ? "" : "approved by " + decidedBy + "; ") + summary, null);
    ActionRequest request =
        new ActionRequest(
            new ActionContext(
                workflowId(),
                null,
                input.resource().id(),
                RUNG,
                RUNG,
                ActionContext.Kind.ACTION,
                input.dryRun()),
            input.resource(),
            spec.action(),
            spec.target(),
            spec.params());
    try {
      result = actions.run(request, plan.actionOptions(options.actionHeartbeatTimeout(), summary));
    } catch (ActivityFailure failure) {
      if (CancellationScope.current().isCancelRequested()) {
        throw new CanceledFailure("workflow cancelled during " + failure.getActivityType());
      }
      releaseLease();
      transition(FAILED, Narration.failure(failure), errorTypeOf(failure));
      return;
    }
    releaseLease();
    transition(SUCCEEDED, result.summary(), null);
  }

  private void pageStorm(String reason) {
    try {
      paging.triggerPage(
          Pages.storm(
              input.resource(), PageSpec.DEFAULT.severity(), scope, reason, input.dryRun()));
    } catch (ActivityFailure failure) {
      log.warn("storm page for {} failed: {}", scope, Narration.failure(failure));
    }
  }

  private void releaseLease() {
    if (heldLease != null) {
      // not "verified": an operator's change starts no cooldown of the scope
      leases.releaseLease(new LeaseRelease(workflowId(), heldLease, false));
      heldLease = null;
    }
  }

  private void transition(OperatorActionState to, String why, String failureType) {
    state = to;
    message = why;
    errorType = failureType;
    updatedAt = now();
    seq++;
    records.recordActionStatus(status());
    Workflow.setCurrentDetails("**" + to + "**: " + why);
    log.info("{} -> {}: {}", workflowId(), to, why);
  }

  // ---- Signals and query ------------------------------------------------------------------------

  @Override
  public void decideApproval(ApprovalDecision approval) {
    if (state == AWAITING_APPROVAL && decision == null) {
      decision = approval;
    } else {
      log.info("ignored approval decision by {}: state is {}", approval.by(), state);
    }
  }

  @Override
  public OperatorActionStatus status() {
    ActionSpec spec = input.action();
    return new OperatorActionStatus(
        input.actionId(),
        workflowId(),
        input.resource().id(),
        spec.action(),
        spec.target(),
        spec.params(),
        input.dryRun(),
        input.requireApproval(),
        scope,
        state,
        seq,
        message,
        input.requestedBy(),
        input.requestedAt(),
        updatedAt,
        decidedBy,
        result == null ? null : result.outcome().name(),
        result == null ? List.of() : result.affected(),
        result == null ? Map.of() : result.details(),
        errorType);
  }

  // ---- Small helpers ----------------------------------------------------------------------------

  private static String errorTypeOf(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        ? app.getType()
        : failure.getCause() == null
            ? "ActivityFailure"
            : failure.getCause().getClass().getSimpleName();
  }

  private String workflowId() {
    return input.workflowId();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
