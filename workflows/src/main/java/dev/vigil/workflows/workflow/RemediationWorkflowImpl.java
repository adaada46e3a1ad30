package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.Phase.AWAITING_APPROVAL;
import static dev.vigil.workflows.workflow.Phase.CANCELLED;
import static dev.vigil.workflows.workflow.Phase.HEALTHY;
import static dev.vigil.workflows.workflow.Phase.MITIGATING;
import static dev.vigil.workflows.workflow.Phase.PROBATION;
import static dev.vigil.workflows.workflow.Phase.RECOVERED;
import static dev.vigil.workflows.workflow.Phase.TERMINAL;
import static dev.vigil.workflows.workflow.Phase.THROTTLED;

import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.IncidentActivities;
import dev.vigil.workflows.activity.IncidentStatus;
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
import dev.vigil.workflows.policy.ActionSpec;
import dev.vigil.workflows.policy.Durations;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.workflow.ApprovalDecision.Decision;
import dev.vigil.workflows.workflow.Compensations.Compensation;
import dev.vigil.workflows.workflow.NextStep.Cancelled;
import dev.vigil.workflows.workflow.NextStep.Healthy;
import dev.vigil.workflows.workflow.NextStep.NextRung;
import dev.vigil.workflows.workflow.NextStep.Probation;
import dev.vigil.workflows.workflow.NextStep.Revert;
import dev.vigil.workflows.workflow.NextStep.Terminal;
import dev.vigil.workflows.workflow.NextStep.Watch;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The repair of one resource, as the state machine of docs/design.md ("Phases"):
 *
 * <pre>
 * UNHEALTHY ─> [AWAITING_APPROVAL] ─> [THROTTLED] ─> MITIGATING ─┬─ cleared ──> RECOVERED ─┬─ quiet ────> HEALTHY
 *                  ^                                             │                          ├─ revertOn ─> (undo) HEALTHY
 *                  │                                             │                          └─ recurs ───┐
 *                  └──────────────── PROBATION <─────────────────┴─ not cleared / failed <───────────────┘
 *   ladder exhausted, max attempts, approval timeout ─> TERMINAL (page) ─> HEALTHY when it clears or a human resolves
 *   cancelMitigation anywhere ─> (undo) CANCELLED
 * </pre>
 *
 * <p>Decisions live in small plain classes ({@link Ladder} and its {@link NextStep}, {@link
 * RungPlan}, {@link ObservationLog}, {@link Compensations}, {@link FleetBudget}, {@link
 * ActionDispatcher}, {@link Pages}); what it remembers lives in one {@link RemediationState}; this
 * class waits and acts. Behaviour where the contract is silent, as an SRE would expect it:
 *
 * <ul>
 *   <li>Before a rung acts (before its approval, after its lease, while throttled) a resource that
 *       is already clear is not touched: the workflow goes to the recovery watch. A rung that did
 *       not act does not advance the ladder, so if the problem recurs the same rung is next.
 *   <li>A rung that does not clear leaves its change in place (and its compensation registered);
 *       the saga is unwound only when an action fails, on cancel and on a {@code revertOn} reason,
 *       and dropped when the repair ends healthy.
 *   <li>Approval: only a decision for the rung currently awaiting approval counts; earlier or other
 *       steps are ignored (logged). A rejection skips the rung without counting an attempt. Signals
 *       clearing during the wait withdraw the request (recovery watch).
 *   <li>{@code resolveManually} ends a {@code TERMINAL} repair; in other phases it is ignored (use
 *       {@code cancelMitigation} to stop a repair that is still climbing).
 *   <li>The incident ends {@code FAILED} when the last rung ended in an action failure, else {@code
 *       TERMINAL}; both page. The terminal page is resolved when the repair ends in any way.
 *   <li>A storm page ({@code storm:<scope>}) goes out at most once per run and is left for the
 *       fleet (or a human) to resolve: it describes the scope, not this resource.
 *   <li>A Temporal-level cancel (UI "Cancel") is handled like {@code cancelMitigation} by {@code
 *       temporal}, then the execution ends cancelled.
 *   <li>State records (incident, timeline, lease) are local activities: short database writes that
 *       add one marker event each instead of three events and a workflow task, which keeps a
 *       one-rung repair near 30 history events. Actions and pages are regular activities.
 * </ul>
 */
public class RemediationWorkflowImpl implements RemediationWorkflow {
  private static final Logger log = Workflow.getLogger(RemediationWorkflowImpl.class);

  /** Counter at completion, tagged {@code phase}; scraped as {@code ..._total}. */
  static final String COMPLETED_METRIC = "vigil_remediations_completed";

  static final String VIGIL = "vigil";

  /** A Temporal-level cancel (UI "Cancel") is handled as a {@code cancelMitigation} by these. */
  private static final CancelRequest TEMPORAL_CANCEL =
      new CancelRequest("temporal", "workflow execution cancelled");

  // ---- Activity options, declared once --------------------------------------------------------

  /** Incident, timeline and lease records: short, retried with backoff until they land. */
  static final LocalActivityOptions STATE_RECORDS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumAttempts(0)
                  .build())
          .setDoNotIncludeArgumentsIntoMarker(true)
          .build();

  /** Pages: a remote HTTP call, retried with backoff until it lands. */
  static final ActivityOptions PAGING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumAttempts(0)
                  .build())
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  // Actions and compensations: options per rung, see RungPlan.optionsFor.

  private final IncidentActivities incidents =
      Workflow.newLocalActivityStub(IncidentActivities.class, STATE_RECORDS);
  private final LeaseActivities leases =
      Workflow.newLocalActivityStub(LeaseActivities.class, STATE_RECORDS);
  private final ActionDispatcher actions = ActionDispatcher.forWorkflow();

  // ---- Input and decisions --------------------------------------------------------------------

  private final RemediationInput input;
  private final RemediationWorkflowOptions options;
  private final Ladder ladder;

  // ---- State ----------------------------------------------------------------------------------

  private final RemediationState state;

  /** Registered by type (replay tests): default options. */
  @WorkflowInit
  public RemediationWorkflowImpl(RemediationInput input) {
    this(input, RemediationWorkflowOptions.defaults());
  }

  RemediationWorkflowImpl(RemediationInput input, RemediationWorkflowOptions options) {
    this.input = input;
    this.options = options;
    this.ladder = new Ladder(input.policy());
    this.state = RemediationState.from(input.carried(), input.resource().id(), input.trigger());
  }

  /** Registers this workflow on a worker with worker-side options (the production path). */
  public static void register(Worker worker, RemediationWorkflowOptions options) {
    worker.registerWorkflowImplementationFactory(
        RemediationWorkflow.class,
        (EncodedValues args) ->
            new RemediationWorkflowImpl(args.get(0, RemediationInput.class), options),
        WorkflowImplementationOptions.getDefaultInstance());
  }

  // ---- The state machine ------------------------------------------------------------------------

  @Override
  public RemediationResult remediate(RemediationInput ignored) {
    try {
      if (state.incidentId == null) {
        openIncident();
      }
      return state.phase == TERMINAL ? awaitHumanOrRecovery() : climbLadder();
    } catch (CanceledFailure e) {
      state.cancelUnlessRequested(TEMPORAL_CANCEL);
      Workflow.newDetachedCancellationScope(this::endCancelled).run();
      throw e;
    }
  }

  private RemediationResult climbLadder() {
    String probation = null; // why the next rung is due, when the last one did not hold
    RungOutcome last = null;
    while (true) {
      if (state.cancelRequested()) {
        return endCancelled();
      }
      OptionalInt next = ladder.next(state.nextRung, state.attempts);
      if (next.isEmpty()) {
        return enterTerminal(ladder.exhausted(state.nextRung, state.attempts, last));
      }
      RungPlan rung = ladder.plan(next.getAsInt());
      if (probation != null) {
        transition(PROBATION, null, Narration.probation(probation, rung), VIGIL);
        probation = null;
      }
      continueAsNewIfDue();

      last = runRung(rung);
      switch (stepAfter(last)) {
        case Cancelled() -> {
          return endCancelled();
        }
        case Terminal terminal -> {
          return enterTerminal(terminal);
        }
        case NextRung(int index) -> state.nextRung = index;
        case Probation(int index, String why) -> {
          state.nextRung = index;
          probation = why;
        }
        case Revert(String reason) -> {
          compensate(reason);
          return endHealthy(reason, VIGIL);
        }
        case Healthy(String reason) -> {
          return endHealthy(reason, VIGIL);
        }
        case Watch watch -> throw new IllegalStateException("unexpected second watch " + watch);
      }
    }
  }

  /**
   * The step after a rung; when the rung left the resource clear, the recovery watch runs first and
   * its outcome decides.
   */
  private NextStep stepAfter(RungOutcome outcome) {
    NextStep step = Ladder.after(outcome, state.nextRung);
    if (step instanceof Watch(int index, String how)) {
      state.nextRung = index;
      return Ladder.after(watchRecovery(how), state.nextRung);
    }
    return step;
  }

  /** One rung: approval gate, storm guard, action, verification. */
  private RungOutcome runRung(RungPlan rung) {
    state.currentRung = rung.step();
    if (state.observations.isClear()) {
      return RungOutcome.alreadyClear(rung);
    }
    if (rung.requiresApproval() && state.approvedRung != rung.index()) {
      Optional<RungOutcome> refused = approvalGate(rung);
      if (refused.isPresent()) {
        return refused.get();
      }
      state.approvedRung = rung.index();
    }
    Optional<RungOutcome> notAdmitted = admit(rung);
    if (notAdmitted.isPresent()) {
      return notAdmitted.get();
    }
    return act(rung);
  }

  private Optional<RungOutcome> approvalGate(RungPlan rung) {
    Duration timeout = policy().approvalTimeout();
    Instant requestedAt = now();
    PendingApproval pending =
        new PendingApproval(
            rung.step(), rung.rung().action(), requestedAt, requestedAt.plus(timeout));
    state.awaitApproval(pending);
    String action = Narration.action(rung.rung().actionSpec(), resource());
    transition(
        AWAITING_APPROVAL,
        null,
        rung.shortLabel() + " needs approval within " + Durations.format(timeout),
        VIGIL);
    note(
        "approval.requested",
        "approval requested for step " + rung.step() + ": " + action,
        VIGIL,
        Map.of(
            "step", String.valueOf(rung.step()),
            "action", rung.rung().action(),
            "expiresAt", pending.expiresAt().toString()));
    setDetails(Narration.awaitingApproval(rung, pending.expiresAt()));
    awaitUpTo(timeout, () -> state.decision != null || state.cancelledOrClear());
    ApprovalDecision decided = state.closeApproval();
    if (state.cancelRequested()) {
      return Optional.of(RungOutcome.cancelled(rung));
    }
    if (decided == null) {
      return Optional.of(
          state.observations.isClear()
              ? RungOutcome.alreadyClear(rung)
              : RungOutcome.approvalTimedOut(rung, timeout));
    }
    String verdict = Narration.verdict(rung, decided);
    note(
        "approval.decided",
        verdict,
        decided.by(),
        Map.of("step", String.valueOf(rung.step()), "decision", decided.decision().name()));
    return decided.decision() == Decision.APPROVE
        ? Optional.empty()
        : Optional.of(RungOutcome.rejected(verdict));
  }

  /**
   * The storm guard: take a lease in the policy's budget scope, waiting THROTTLED while refused.
   */
  private Optional<RungOutcome> admit(RungPlan rung) {
    String scope = FleetBudget.scope(policy().budgetScope(), resource());
    while (true) {
      if (state.cancelRequested()) {
        return Optional.of(RungOutcome.cancelled(rung));
      }
      if (state.observations.isClear()) {
        return Optional.of(RungOutcome.alreadyClear(rung));
      }
      LeaseDecision lease =
          leases.acquireLease(
              new LeaseRequest(
                  workflowId(),
                  scope,
                  resource().id(),
                  resource().type(),
                  resource().cluster(),
                  state.incidentId,
                  rung.leaseTtl(options.leaseMargin())));
      if (lease.granted()) {
        state.heldLease = scope;
        state.throttledEpisode = false;
        return Optional.empty();
      }
      Duration wait =
          FleetBudget.retryDelay(
              lease.retryAfter(), options.throttleFloor(), options.throttleCeiling());
      if (!state.throttledEpisode) {
        state.throttledEpisode = true;
        transition(THROTTLED, null, Narration.heldBack(rung, scope, lease.reason()), VIGIL);
      }
      if (lease.stormDeclared() && !state.stormPaged) {
        state.stormPaged = true;
        pageStorm(scope, lease.reason());
      }
      setDetails(Narration.throttled(rung, scope, lease.reason(), wait));
      awaitUpTo(wait, state::cancelledOrClear);
      continueAsNewIfDue();
    }
  }

  /** attempts++, MITIGATING, compensation registered, the action, then the wait for clear. */
  private RungOutcome act(RungPlan rung) {
    state.attempts++;
    ActionSpec spec = rung.rung().actionSpec();
    state.lastActionName = spec.action();
    String summary = Narration.activitySummary(Narration.action(spec, resource()), false, dryRun());
    transition(MITIGATING, IncidentStatus.MITIGATING, rung.label() + ": " + summary, VIGIL);
    state.compensations.register(rung, state.attempts);
    setDetails(Narration.acting(rung, summary));
    ActionRequest request =
        actionRequest(spec, rung.step(), state.attempts, ActionContext.Kind.ACTION);
    try {
      ActionResult result =
          interruptibly(
              () ->
                  actions.run(
                      request, rung.actionOptions(options.actionHeartbeatTimeout(), summary)));
      remember(rung.step(), spec.action(), false, result.outcome().name(), result.summary());
    } catch (ActivityFailure failure) {
      String why = Narration.failure(failure);
      remember(rung.step(), spec.action(), false, "FAILED", why);
      rethrowIfWorkflowCancelled(failure);
      if (state.cancelRequested()) {
        return RungOutcome.cancelled(rung);
      }
      note("action.failed", rung.label() + " failed: " + why, VIGIL, Map.of());
      compensate(rung.shortLabel() + " failed");
      releaseLease(false);
      return RungOutcome.failed(rung, why);
    }
    if (state.cancelRequested()) {
      return RungOutcome.cancelled(rung);
    }
    setDetails(Narration.verifying(rung));
    awaitUpTo(rung.verifyWithin(), state::cancelledOrClear);
    if (state.cancelRequested()) {
      return RungOutcome.cancelled(rung);
    }
    boolean cleared = state.observations.isClear();
    releaseLease(cleared);
    return cleared ? RungOutcome.cleared(rung) : RungOutcome.notCleared(rung);
  }

  /** RECOVERED: quiet for the recurrence window, or recurs, or a revertOn reason fires. */
  private RungOutcome watchRecovery(String how) {
    Duration window = policy().recurrenceWindow();
    transition(RECOVERED, null, how + "; watching " + Durations.format(window), VIGIL);
    setDetails(Narration.recovered(window, policy().revertOn()));
    ObservationLog observations = state.observations;
    awaitUpTo(
        window,
        () ->
            state.cancelRequested()
                || observations.firingOf(policy().revertOn()) != null
                || !observations.isClear());
    if (state.cancelRequested()) {
      return new RungOutcome(RungOutcome.Kind.CANCELLED, "cancelled while recovered");
    }
    String revert = observations.firingOf(policy().revertOn());
    if (revert != null) {
      return RungOutcome.reverted(revert);
    }
    return observations.isClear()
        ? RungOutcome.quiet(window, how)
        : RungOutcome.recurred(window, observations.last().activeReasons());
  }

  /** TERMINAL: page a human and wait for them, for recovery, or for a cancel. */
  private RemediationResult enterTerminal(Terminal terminal) {
    transition(TERMINAL, terminal.status(), terminal.reason(), VIGIL);
    pageHuman(terminal.reason());
    return awaitHumanOrRecovery();
  }

  private RemediationResult awaitHumanOrRecovery() {
    setDetails(Narration.terminal(policy().page().severity(), state.incidentId));
    while (true) {
      Workflow.await(() -> state.cancelledOrClear() || state.manual != null || continueAsNewDue());
      if (state.cancelRequested()) {
        return endCancelled();
      }
      if (state.manual != null) {
        return endHealthy(Narration.resolvedManually(state.manual), state.manual.by());
      }
      if (state.observations.isClear()) {
        return endHealthy("signals cleared while a human was paged", VIGIL);
      }
      continueAsNewIfDue();
    }
  }

  private RemediationResult endHealthy(String message, String actor) {
    resolvePage();
    transition(HEALTHY, IncidentStatus.RESOLVED, message, actor);
    return complete(HEALTHY, actor, message);
  }

  private RemediationResult endCancelled() {
    String by = state.cancel.by();
    String message = Narration.cancelled(state.cancel);
    compensate(message);
    releaseLease(false);
    resolvePage();
    transition(CANCELLED, IncidentStatus.CANCELLED, message, by);
    return complete(CANCELLED, by, message);
  }

  private RemediationResult complete(Phase end, String by, String message) {
    setDetails(Narration.finished(end, message));
    Workflow.getMetricsScope().tagged(Map.of("phase", end.name())).counter(COMPLETED_METRIC).inc(1);
    return new RemediationResult(end, state.incidentId, state.attempts, by, message);
  }

  // ---- Acting -----------------------------------------------------------------------------------

  private void openIncident() {
    state.incidentId = Workflow.randomUUID().toString();
    HealthObservation trigger = input.trigger();
    incidents.openIncident(
        new OpenIncidentRequest(
            state.incidentId,
            workflowId(),
            resource(),
            policy().name(),
            trigger == null ? null : trigger.severity(),
            Narration.incident(resource(), trigger),
            trigger,
            dryRun(),
            now()));
  }

  /** Runs the registered compensations newest first; a cancel cannot cut them short. */
  private void compensate(String why) {
    List<Compensation> undo = state.compensations.drainNewestFirst();
    if (undo.isEmpty()) {
      return;
    }
    setDetails(Narration.compensating(undo.size(), why));
    List<String> outcomes = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> undo.forEach(compensation -> outcomes.add(runCompensation(compensation))))
        .run();
    note("compensation", why + "; undone: " + String.join("; ", outcomes), VIGIL, Map.of());
  }

  private String runCompensation(Compensation compensation) {
    ActionSpec spec = compensation.action();
    RungPlan rung = compensation.plan();
    String summary = Narration.activitySummary(Narration.action(spec, resource()), true, dryRun());
    ActionRequest request =
        actionRequest(spec, rung.step(), compensation.attempt(), ActionContext.Kind.COMPENSATION);
    try {
      ActionResult result =
          actions.run(
              request, rung.optionsFor(spec.action(), options.actionHeartbeatTimeout(), summary));
      remember(rung.step(), spec.action(), true, result.outcome().name(), result.summary());
      return summary + " -> " + result.outcome();
    } catch (ActivityFailure failure) {
      String why = Narration.failure(failure);
      remember(rung.step(), spec.action(), true, "FAILED", why);
      log.warn("compensation {} failed: {}", summary, why);
      return summary + " -> FAILED (" + why + ")";
    }
  }

  private void releaseLease(boolean verified) {
    if (state.heldLease != null) {
      leases.releaseLease(new LeaseRelease(workflowId(), state.heldLease, verified));
      state.heldLease = null;
    }
  }

  private void pageHuman(String why) {
    PageRequest page = pages().incident(state.incidentId, why, pageFacts());
    try {
      PageResult result = interruptibly(() -> paging("page: " + resource().id()).triggerPage(page));
      state.openPage = page.dedupKey();
      note(
          "page.triggered",
          Pages.triggered(page),
          VIGIL,
          Map.of("dedupKey", page.dedupKey(), "outcome", result.outcome(), "sink", result.sink()));
    } catch (ActivityFailure failure) {
      rethrowIfWorkflowCancelled(failure);
      if (state.cancelRequested()) {
        state.openPage = page.dedupKey(); // it may have gone out: resolve it on the way out
        return;
      }
      note("page.failed", "page failed: " + Narration.failure(failure), VIGIL, Map.of());
    }
  }

  private void pageStorm(String scope, String reason) {
    PageRequest page = pages().storm(scope, reason);
    try {
      paging("storm page: " + scope).triggerPage(page);
      note("page.triggered", page.summary(), VIGIL, Map.of("dedupKey", page.dedupKey()));
    } catch (ActivityFailure failure) {
      note("page.failed", "storm page failed: " + Narration.failure(failure), VIGIL, Map.of());
    }
  }

  private void resolvePage() {
    if (state.openPage == null) {
      return;
    }
    try {
      paging("resolve page: " + resource().id())
          .resolvePage(pages().resolution(state.openPage, pageFacts()));
    } catch (ActivityFailure failure) {
      log.warn("resolving page {} failed: {}", state.openPage, Narration.failure(failure));
    }
    state.openPage = null;
  }

  private PagingActivities paging(String summary) {
    return Workflow.newActivityStub(
        PagingActivities.class, PAGING.toBuilder().setSummary(summary).build());
  }

  /**
   * Runs a call that {@code cancelMitigation} may interrupt (the action, the page): the handler
   * cancels this scope, and the activity stops at its next heartbeat.
   */
  private <T> T interruptibly(Functions.Func<T> call) {
    List<T> result = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> result.add(call.apply()));
    state.interruptible = scope;
    try {
      scope.run();
    } finally {
      state.interruptible = null;
    }
    return result.get(0);
  }

  // ---- Recording --------------------------------------------------------------------------------

  /** A phase change: the record, then (when changed) the search attributes, in one upsert. */
  private void transition(Phase to, IncidentStatus status, String message, String actor) {
    state.phase = to;
    incidents.recordPhase(
        new PhaseChange(
            state.incidentId,
            workflowId(),
            resource().id(),
            state.nextSeq(),
            to,
            status,
            state.attempts,
            state.currentRung,
            state.lastActionName,
            message,
            actor,
            now()));
    if (state.searchAttributesStale()) {
      Workflow.upsertTypedSearchAttributes(
          VigilSearchAttributes.PHASE.valueSet(to.name()),
          VigilSearchAttributes.ATTEMPTS.valueSet((long) state.attempts));
      state.searchAttributesUpserted();
    }
    log.info("{} -> {}: {}", workflowId(), to, message);
  }

  private void note(String kind, String message, String actor, Map<String, String> facts) {
    incidents.recordTimeline(
        new TimelineEntry(state.incidentId, state.nextSeq(), kind, message, actor, facts, now()));
  }

  private void setDetails(String markdown) {
    state.details = markdown;
    Workflow.setCurrentDetails(markdown);
  }

  private void remember(int rung, String action, boolean compensation, String outcome, String msg) {
    state.remember(rung, action, compensation, outcome, msg, now());
  }

  // ---- Continue-as-new --------------------------------------------------------------------------

  /** Due when the server suggests it or the history passed the threshold, and it is safe. */
  private boolean continueAsNewDue() {
    if (!state.atRest()) {
      return false;
    }
    WorkflowInfo info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || info.getHistoryLength() > options.continueAsNewAfterEvents();
  }

  private void continueAsNewIfDue() {
    if (!continueAsNewDue()) {
      return;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    CarriedState carried = state.toCarried();
    log.info(
        "{} continues as new in {} after {} events",
        workflowId(),
        state.phase,
        Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
            .build(),
        new RemediationInput(
            input.resource(), input.policy(), input.trigger(), input.dryRun(), carried));
  }

  // ---- Signals and query ------------------------------------------------------------------------

  @Override
  public void observe(HealthObservation observation) {
    ObservationLog.Verdict verdict = state.observations.apply(observation);
    if (verdict != ObservationLog.Verdict.APPLIED) {
      log.info("ignored {} observation {}", verdict, observation.eventId());
    }
  }

  @Override
  public void cancelMitigation(CancelRequest request) {
    if (state.acceptCancel(request)) {
      state.interrupt("cancelMitigation by " + request.by());
    }
  }

  @Override
  public void decideApproval(ApprovalDecision approval) {
    if (!state.acceptDecision(approval)) {
      log.info("ignored approval decision for step {}: not awaiting it", approval.step());
    }
  }

  @Override
  public void resolveManually(ManualResolution resolution) {
    if (!state.acceptManualResolution(resolution)) {
      log.info("ignored resolveManually by {} in phase {}", resolution.by(), state.phase);
    }
  }

  @Override
  public RemediationStatus status() {
    return new RemediationStatus(
        workflowId(),
        resource().id(),
        policy().name(),
        state.phase,
        state.currentRung,
        state.attempts,
        policy().maxAttempts(),
        state.incidentId,
        state.observations.health(),
        state.pendingApproval,
        state.lastActions(),
        dryRun(),
        state.details);
  }

  // ---- Small helpers ----------------------------------------------------------------------------

  private ActionRequest actionRequest(
      ActionSpec spec, int rung, int attempt, ActionContext.Kind kind) {
    return new ActionRequest(
        new ActionContext(
            workflowId(), state.incidentId, resource().id(), rung, attempt, kind, dryRun()),
        resource(),
        spec.action(),
        spec.target(),
        spec.params());
  }

  private Map<String, String> pageFacts() {
    return pages().facts(state.incidentId, state.attempts, state.lastActions());
  }

  private Pages pages() {
    return new Pages(resource(), policy(), dryRun());
  }

  private Policy policy() {
    return input.policy();
  }

  private ResourceRef resource() {
    return input.resource();
  }

  private String workflowId() {
    return resource().workflowId();
  }

  private boolean dryRun() {
    return input.effectiveDryRun();
  }

  /**
   * {@code Workflow.await} whose timer is cancelled as soon as the condition holds (the SDK leaves
   * it running, which costs a TimerFired event and a workflow task later), and which starts no
   * timer at all when the condition already holds.
   */
  private static boolean awaitUpTo(Duration timeout, Supplier<Boolean> condition) {
    if (condition.get()) {
      return true;
    }
    boolean[] met = new boolean[1];
    CancellationScope wait =
        Workflow.newCancellationScope(() -> met[0] = Workflow.await(timeout, condition));
    wait.run();
    wait.cancel();
    return met[0];
  }

  /** A Temporal-level cancel surfaces here as a failed call; let remediate() handle it. */
  private static void rethrowIfWorkflowCancelled(ActivityFailure failure) {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("workflow cancelled during " + failure.getActivityType());
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
