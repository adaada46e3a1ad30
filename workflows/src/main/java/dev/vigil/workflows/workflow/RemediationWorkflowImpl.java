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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
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
 * <p>Decisions live in small plain classes ({@link Ladder}, {@link RungPlan}, {@link
 * ObservationLog}, {@link Compensations}, {@link FleetBudget}, {@link ActionDispatcher}); this
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
  static final int LAST_ACTIONS = 10;
  static final int RECENT_EVENT_IDS = 256;

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
  private final ObservationLog observations;
  private final Compensations compensations = new Compensations();

  // ---- State (the first block travels over continue-as-new in CarriedState) -------------------

  private String incidentId;
  private Phase phase;
  private int attempts;
  private int nextRung;
  private long seq;
  private final Deque<ActionRecord> lastActions = new ArrayDeque<>();
  private String openPage;
  private String lastActionName;

  private int currentRung;
  private int approvedRung = -1;
  private boolean throttledEpisode;
  private boolean stormPaged;
  private String heldLease;
  private Phase upsertedPhase;
  private int upsertedAttempts;
  private String details = "";
  private PendingApproval pendingApproval;
  private ApprovalDecision decision;
  private CancelRequest cancel;
  private ManualResolution manual;
  private CancellationScope interruptible;

  /** Registered by type (replay tests): default options. */
  @WorkflowInit
  public RemediationWorkflowImpl(RemediationInput input) {
    this(input, RemediationWorkflowOptions.defaults());
  }

  RemediationWorkflowImpl(RemediationInput input, RemediationWorkflowOptions options) {
    this.input = input;
    this.options = options;
    this.ladder = new Ladder(input.policy());
    CarriedState carried = input.carried();
    if (carried == null) {
      phase = Phase.UNHEALTHY;
      observations = new ObservationLog(input.resource().id(), RECENT_EVENT_IDS);
      if (input.trigger() != null) {
        observations.apply(input.trigger());
      }
    } else {
      incidentId = carried.incidentId();
      phase = carried.phase();
      attempts = carried.attempts();
      nextRung = carried.nextRung();
      seq = carried.timelineSeq();
      lastActions.addAll(carried.lastActions());
      lastActionName = lastActions.isEmpty() ? null : lastActions.peekLast().action();
      openPage = carried.pageOpen() ? carried.pageDedupKey() : null;
      observations =
          ObservationLog.restore(
              input.resource().id(),
              RECENT_EVENT_IDS,
              carried.lastObservation(),
              carried.recentEventIds());
      // Continue-as-new in THROTTLED happens after the rung's approval: do not ask again.
      throttledEpisode = phase == THROTTLED;
      approvedRung = throttledEpisode ? nextRung : -1;
      currentRung = throttledEpisode ? nextRung + 1 : nextRung;
    }
    upsertedPhase = phase;
    upsertedAttempts = attempts;
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
      if (incidentId == null) {
        openIncident();
      }
      return phase == TERMINAL ? awaitHumanOrRecovery() : climbLadder();
    } catch (CanceledFailure e) {
      if (cancel == null) {
        cancel = new CancelRequest("temporal", "workflow execution cancelled");
      }
      Workflow.newDetachedCancellationScope(this::endCancelled).run();
      throw e;
    }
  }

  private RemediationResult climbLadder() {
    String probation = null; // why the next rung is due, when the last one did not hold
    RungOutcome last = null;
    while (true) {
      if (cancel != null) {
        return endCancelled();
      }
      OptionalInt next = ladder.next(nextRung, attempts);
      if (next.isEmpty()) {
        return enterTerminal(last);
      }
      RungPlan rung = ladder.plan(next.getAsInt());
      if (probation != null) {
        transition(PROBATION, null, probation + "; next: " + rung.shortLabel(), VIGIL);
        probation = null;
      }
      continueAsNewIfDue();

      last = runRung(rung);
      switch (last.kind()) {
        case CANCELLED -> {
          return endCancelled();
        }
        case APPROVAL_TIMED_OUT -> {
          return enterTerminal(last);
        }
        case REJECTED -> nextRung++;
        case NOT_CLEARED, FAILED -> {
          nextRung++;
          probation = last.note();
        }
        case CLEARED, ALREADY_CLEAR -> {
          if (last.kind() == RungOutcome.Kind.CLEARED) {
            nextRung++;
          }
          RungOutcome recovery = watchRecovery(last.note());
          switch (recovery.kind()) {
            case CANCELLED -> {
              return endCancelled();
            }
            case REVERTED -> {
              compensate(recovery.note());
              return endHealthy(recovery.note(), VIGIL);
            }
            case RECURRED -> probation = recovery.note();
            case QUIET -> {
              return endHealthy(recovery.note(), VIGIL);
            }
            default -> throw new IllegalStateException("unexpected recovery " + recovery);
          }
        }
        default -> throw new IllegalStateException("unexpected rung outcome " + last);
      }
    }
  }

  /** One rung: approval gate, storm guard, action, verification. */
  private RungOutcome runRung(RungPlan rung) {
    currentRung = rung.step();
    if (observations.isClear()) {
      return RungOutcome.alreadyClear(rung);
    }
    if (rung.requiresApproval() && approvedRung != rung.index()) {
      Optional<RungOutcome> refused = approvalGate(rung);
      if (refused.isPresent()) {
        return refused.get();
      }
      approvedRung = rung.index();
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
    pendingApproval =
        new PendingApproval(
            rung.step(), rung.rung().action(), requestedAt, requestedAt.plus(timeout));
    decision = null;
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
            "expiresAt", pendingApproval.expiresAt().toString()));
    setDetails(Narration.awaitingApproval(rung, pendingApproval.expiresAt()));
    awaitUpTo(timeout, () -> decision != null || cancel != null || observations.isClear());
    ApprovalDecision decided = decision;
    pendingApproval = null;
    decision = null;
    if (cancel != null) {
      return Optional.of(RungOutcome.cancelled(rung));
    }
    if (decided == null) {
      return Optional.of(
          observations.isClear()
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
      if (cancel != null) {
        return Optional.of(RungOutcome.cancelled(rung));
      }
      if (observations.isClear()) {
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
                  incidentId,
                  rung.leaseTtl(options.leaseMargin())));
      if (lease.granted()) {
        heldLease = scope;
        throttledEpisode = false;
        return Optional.empty();
      }
      Duration wait =
          FleetBudget.retryDelay(
              lease.retryAfter(), options.throttleFloor(), options.throttleCeiling());
      if (!throttledEpisode) {
        throttledEpisode = true;
        transition(THROTTLED, null, Narration.heldBack(rung, scope, lease.reason()), VIGIL);
      }
      if (lease.stormDeclared() && !stormPaged) {
        stormPaged = true;
        pageStorm(scope, lease.reason());
      }
      setDetails(Narration.throttled(rung, scope, lease.reason(), wait));
      awaitUpTo(wait, () -> cancel != null || observations.isClear());
      continueAsNewIfDue();
    }
  }

  /** attempts++, MITIGATING, compensation registered, the action, then the wait for clear. */
  private RungOutcome act(RungPlan rung) {
    attempts++;
    ActionSpec spec = rung.rung().actionSpec();
    lastActionName = spec.action();
    String summary = Narration.activitySummary(Narration.action(spec, resource()), false, dryRun());
    transition(MITIGATING, IncidentStatus.MITIGATING, rung.label() + ": " + summary, VIGIL);
    compensations.register(rung, attempts);
    setDetails(Narration.acting(rung, summary));
    ActionRequest request = actionRequest(spec, rung.step(), attempts, ActionContext.Kind.ACTION);
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
      if (cancel != null) {
        return RungOutcome.cancelled(rung);
      }
      note("action.failed", rung.label() + " failed: " + why, VIGIL, Map.of());
      compensate(rung.shortLabel() + " failed");
      releaseLease(false);
      return RungOutcome.failed(rung, why);
    }
    if (cancel != null) {
      return RungOutcome.cancelled(rung);
    }
    setDetails(Narration.verifying(rung));
    awaitUpTo(rung.verifyWithin(), () -> observations.isClear() || cancel != null);
    if (cancel != null) {
      return RungOutcome.cancelled(rung);
    }
    boolean cleared = observations.isClear();
    releaseLease(cleared);
    return cleared ? RungOutcome.cleared(rung) : RungOutcome.notCleared(rung);
  }

  /** RECOVERED: quiet for the recurrence window, or recurs, or a revertOn reason fires. */
  private RungOutcome watchRecovery(String how) {
    Duration window = policy().recurrenceWindow();
    transition(RECOVERED, null, how + "; watching " + Durations.format(window), VIGIL);
    setDetails(Narration.recovered(window, policy().revertOn()));
    awaitUpTo(
        window,
        () ->
            cancel != null
                || observations.firingOf(policy().revertOn()) != null
                || !observations.isClear());
    if (cancel != null) {
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
  private RemediationResult enterTerminal(RungOutcome last) {
    String why =
        last != null && last.kind() == RungOutcome.Kind.APPROVAL_TIMED_OUT
            ? last.note()
            : ladder.endReason(nextRung, attempts)
                + (last == null ? "" : " (last: " + last.note() + ")");
    boolean failed = last != null && last.kind() == RungOutcome.Kind.FAILED;
    transition(TERMINAL, failed ? IncidentStatus.FAILED : IncidentStatus.TERMINAL, why, VIGIL);
    pageHuman(why);
    return awaitHumanOrRecovery();
  }

  private RemediationResult awaitHumanOrRecovery() {
    setDetails(Narration.terminal(policy().page().severity(), incidentId));
    while (true) {
      Workflow.await(
          () -> cancel != null || manual != null || observations.isClear() || continueAsNewDue());
      if (cancel != null) {
        return endCancelled();
      }
      if (manual != null) {
        String note = manual.note() == null || manual.note().isBlank() ? "" : ": " + manual.note();
        return endHealthy("resolved manually by " + manual.by() + note, manual.by());
      }
      if (observations.isClear()) {
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
    String by = cancel.by();
    String message = "cancelled by " + by + (cancel.reason() == null ? "" : ": " + cancel.reason());
    compensate(message);
    releaseLease(false);
    resolvePage();
    transition(CANCELLED, IncidentStatus.CANCELLED, message, by);
    return complete(CANCELLED, by, message);
  }

  private RemediationResult complete(Phase end, String by, String message) {
    setDetails(Narration.finished(end, message));
    Workflow.getMetricsScope().tagged(Map.of("phase", end.name())).counter(COMPLETED_METRIC).inc(1);
    return new RemediationResult(end, incidentId, attempts, by, message);
  }

  // ---- Acting -----------------------------------------------------------------------------------

  private void openIncident() {
    incidentId = Workflow.randomUUID().toString();
    HealthObservation trigger = input.trigger();
    incidents.openIncident(
        new OpenIncidentRequest(
            incidentId,
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
    List<Compensation> undo = compensations.drainNewestFirst();
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
    if (heldLease != null) {
      leases.releaseLease(new LeaseRelease(workflowId(), heldLease, verified));
      heldLease = null;
    }
  }

  private void pageHuman(String why) {
    PageRequest page = pages().incident(incidentId, why, pageFacts());
    try {
      PageResult result = interruptibly(() -> paging("page: " + resource().id()).triggerPage(page));
      openPage = page.dedupKey();
      note(
          "page.triggered",
          "paged (" + page.severity() + "): " + page.summary(),
          VIGIL,
          Map.of("dedupKey", page.dedupKey(), "outcome", result.outcome(), "sink", result.sink()));
    } catch (ActivityFailure failure) {
      rethrowIfWorkflowCancelled(failure);
      if (cancel != null) {
        openPage = page.dedupKey(); // it may have gone out: resolve it on the way out
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
    if (openPage == null) {
      return;
    }
    try {
      paging("resolve page: " + resource().id())
          .resolvePage(pages().resolution(openPage, pageFacts()));
    } catch (ActivityFailure failure) {
      log.warn("resolving page {} failed: {}", openPage, Narration.failure(failure));
    }
    openPage = null;
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
    interruptible = scope;
    try {
      scope.run();
    } finally {
      interruptible = null;
    }
    return result.get(0);
  }

  // ---- Recording --------------------------------------------------------------------------------

  /** A phase change: the record, then (when changed) the search attributes, in one upsert. */
  private void transition(Phase to, IncidentStatus status, String message, String actor) {
    phase = to;
    incidents.recordPhase(
        new PhaseChange(
            incidentId,
            workflowId(),
            resource().id(),
            ++seq,
            to,
            status,
            attempts,
            currentRung,
            lastActionName,
            message,
            actor,
            now()));
    if (to != upsertedPhase || attempts != upsertedAttempts) {
      Workflow.upsertTypedSearchAttributes(
          VigilSearchAttributes.PHASE.valueSet(to.name()),
          VigilSearchAttributes.ATTEMPTS.valueSet((long) attempts));
      upsertedPhase = to;
      upsertedAttempts = attempts;
    }
    log.info("{} -> {}: {}", workflowId(), to, message);
  }

  private void note(String kind, String message, String actor, Map<String, String> facts) {
    incidents.recordTimeline(
        new TimelineEntry(incidentId, ++seq, kind, message, actor, facts, now()));
  }

  private void setDetails(String markdown) {
    details = markdown;
    Workflow.setCurrentDetails(markdown);
  }

  private void remember(int rung, String action, boolean compensation, String outcome, String msg) {
    lastActions.addLast(
        new ActionRecord(rung, attempts, action, compensation, outcome, msg, now()));
    while (lastActions.size() > LAST_ACTIONS) {
      lastActions.removeFirst();
    }
  }

  // ---- Continue-as-new --------------------------------------------------------------------------

  /** Due when the server suggests it or the history passed the threshold, and it is safe. */
  private boolean continueAsNewDue() {
    if (cancel != null || heldLease != null || interruptible != null || !compensations.isEmpty()) {
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
    CarriedState carried =
        new CarriedState(
            incidentId,
            attempts,
            nextRung,
            phase,
            seq,
            observations.last(),
            observations.recentEventIds(),
            List.copyOf(lastActions),
            openPage != null,
            openPage);
    log.info(
        "{} continues as new in {} after {} events",
        workflowId(),
        phase,
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
    ObservationLog.Verdict verdict = observations.apply(observation);
    if (verdict != ObservationLog.Verdict.APPLIED) {
      log.info("ignored {} observation {}", verdict, observation.eventId());
    }
  }

  @Override
  public void cancelMitigation(CancelRequest request) {
    if (cancel != null || phase.isFinal()) {
      return;
    }
    cancel = request;
    if (interruptible != null) {
      interruptible.cancel("cancelMitigation by " + request.by());
    }
  }

  @Override
  public void decideApproval(ApprovalDecision approval) {
    if (pendingApproval != null && approval.step() == pendingApproval.step() && decision == null) {
      decision = approval;
    } else {
      log.info("ignored approval decision for step {}: not awaiting it", approval.step());
    }
  }

  @Override
  public void resolveManually(ManualResolution resolution) {
    if (phase == TERMINAL && manual == null) {
      manual = resolution;
    } else {
      log.info("ignored resolveManually by {} in phase {}", resolution.by(), phase);
    }
  }

  @Override
  public RemediationStatus status() {
    return new RemediationStatus(
        workflowId(),
        resource().id(),
        policy().name(),
        phase,
        currentRung,
        attempts,
        policy().maxAttempts(),
        incidentId,
        observations.health(),
        pendingApproval,
        List.copyOf(lastActions),
        dryRun(),
        details);
  }

  // ---- Small helpers ----------------------------------------------------------------------------

  private ActionRequest actionRequest(
      ActionSpec spec, int rung, int attempt, ActionContext.Kind kind) {
    return new ActionRequest(
        new ActionContext(workflowId(), incidentId, resource().id(), rung, attempt, kind, dryRun()),
        resource(),
        spec.action(),
        spec.target(),
        spec.params());
  }

  private Map<String, String> pageFacts() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("incidentId", incidentId);
    facts.put("workflowId", workflowId());
    facts.put("attempts", attempts + "/" + policy().maxAttempts());
    facts.put(
        "lastActions",
        lastActions.stream().map(a -> a.action() + " " + a.outcome()).toList().toString());
    facts.put("dryRun", String.valueOf(dryRun()));
    return facts;
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
