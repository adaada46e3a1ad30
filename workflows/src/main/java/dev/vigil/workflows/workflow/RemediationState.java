package dev.vigil.workflows.workflow;

import static dev.vigil.workflows.workflow.Phase.TERMINAL;
import static dev.vigil.workflows.workflow.Phase.THROTTLED;

import io.temporal.workflow.CancellationScope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Everything one run of {@link RemediationWorkflowImpl} remembers, in one object: what travels over
 * continue-as-new ({@link #from} and {@link #toCarried}, so the two directions cannot drift apart),
 * and what belongs to one run (the saga, the held lease, the pending approval, the signals that
 * arrived). The workflow waits and acts; signal handlers write here; {@code status()} reads here.
 *
 * <p>Plain slots are package-private fields the workflow reads and writes; rules that span fields
 * (which signals count, when continue-as-new is safe, when search attributes are stale) are
 * methods. No Temporal calls: the only Temporal type held is the scope of the call a cancel may
 * interrupt.
 */
final class RemediationState {
  /** How many recent actions {@code status()} shows (and continue-as-new carries). */
  static final int LAST_ACTIONS = 10;

  /** How many applied event ids are remembered to drop redeliveries. */
  static final int RECENT_EVENT_IDS = 256;

  // ---- Carried over continue-as-new -----------------------------------------------------------

  String incidentId;
  Phase phase;
  int attempts;

  /** 0-based index of the next rung to run. */
  int nextRung;

  /** Dedup key of the open incident page, resolved when the repair ends; null when none. */
  String openPage;

  /** The action of the newest rung that acted, for phase records. */
  String lastActionName;

  final ObservationLog observations;
  private long seq;
  private final Deque<ActionRecord> lastActions = new ArrayDeque<>();

  // ---- This run only ----------------------------------------------------------------------------

  final Compensations compensations = new Compensations();

  /** 1-based step of the rung under way, for records and {@code status()}. */
  int currentRung;

  /** 0-based index of the rung whose approval was granted (not asked again); -1 for none. */
  int approvedRung = -1;

  /** Whether {@code THROTTLED} was recorded for the current wait for a lease. */
  boolean throttledEpisode;

  /** Whether this run sent its (one) storm page. */
  boolean stormPaged;

  /** The budget scope of the lease held while a rung acts; null when none. */
  String heldLease;

  String details = "";
  PendingApproval pendingApproval;
  ApprovalDecision decision;
  CancelRequest cancel;
  ManualResolution manual;

  /** The action or page a cancel may interrupt, while it runs; null otherwise. */
  CancellationScope interruptible;

  private Phase upsertedPhase;
  private int upsertedAttempts;

  private RemediationState(ObservationLog observations) {
    this.observations = observations;
  }

  /**
   * The state a run starts from: fresh (the trigger applied) when {@code carried} is null, else
   * what the previous run carried. A run continued in {@code THROTTLED} was past its rung's
   * approval, so that rung is not asked about again.
   */
  static RemediationState from(CarriedState carried, String resourceId, HealthObservation trigger) {
    RemediationState state;
    if (carried == null) {
      state = new RemediationState(new ObservationLog(resourceId, RECENT_EVENT_IDS));
      state.phase = Phase.UNHEALTHY;
      if (trigger != null) {
        state.observations.apply(trigger);
      }
    } else {
      state =
          new RemediationState(
              ObservationLog.restore(
                  resourceId,
                  RECENT_EVENT_IDS,
                  carried.lastObservation(),
                  carried.recentEventIds()));
      state.incidentId = carried.incidentId();
      state.phase = carried.phase();
      state.attempts = carried.attempts();
      state.nextRung = carried.nextRung();
      state.seq = carried.timelineSeq();
      state.lastActions.addAll(carried.lastActions());
      state.lastActionName =
          state.lastActions.isEmpty() ? null : state.lastActions.peekLast().action();
      state.openPage = carried.pageOpen() ? carried.pageDedupKey() : null;
      state.throttledEpisode = state.phase == THROTTLED;
      state.approvedRung = state.throttledEpisode ? state.nextRung : -1;
      state.currentRung = state.throttledEpisode ? state.nextRung + 1 : state.nextRung;
    }
    state.upsertedPhase = state.phase;
    state.upsertedAttempts = state.attempts;
    return state;
  }

  /** What the next run needs (see {@link CarriedState} for why the saga does not travel). */
  CarriedState toCarried() {
    return new CarriedState(
        incidentId,
        attempts,
        nextRung,
        phase,
        seq,
        observations.last(),
        observations.recentEventIds(),
        lastActions(),
        openPage != null,
        openPage);
  }

  // ---- Cancellation -----------------------------------------------------------------------------

  boolean cancelRequested() {
    return cancel != null;
  }

  /** The common end of a wait: a cancel arrived, or the signals cleared. */
  boolean cancelledOrClear() {
    return cancelRequested() || observations.isClear();
  }

  /** Takes a {@code cancelMitigation}: only the first, and not once the repair has ended. */
  boolean acceptCancel(CancelRequest request) {
    if (cancelRequested() || phase.isFinal()) {
      return false;
    }
    cancel = request;
    return true;
  }

  /** Records a cancel that came from outside the signals (a Temporal cancel), unless one came. */
  void cancelUnlessRequested(CancelRequest request) {
    if (!cancelRequested()) {
      cancel = request;
    }
  }

  /** Cancels the action or page in flight, if any: it stops at its next heartbeat. */
  void interrupt(String why) {
    if (interruptible != null) {
      interruptible.cancel(why);
    }
  }

  // ---- Approval and manual resolution
  // ------------------------------------------------------------

  /** Starts waiting for a decision on {@code pending}; an earlier decision does not count. */
  void awaitApproval(PendingApproval pending) {
    pendingApproval = pending;
    decision = null;
  }

  /** Ends the wait for a decision: the decision taken (null when none came). */
  ApprovalDecision closeApproval() {
    ApprovalDecision decided = decision;
    pendingApproval = null;
    decision = null;
    return decided;
  }

  /** Takes a decision only for the step awaiting one, and only the first. */
  boolean acceptDecision(ApprovalDecision approval) {
    if (pendingApproval != null && approval.step() == pendingApproval.step() && decision == null) {
      decision = approval;
      return true;
    }
    return false;
  }

  /** Takes a manual resolution only in {@code TERMINAL}, and only the first. */
  boolean acceptManualResolution(ManualResolution resolution) {
    if (phase == TERMINAL && manual == null) {
      manual = resolution;
      return true;
    }
    return false;
  }

  // ---- Records ----------------------------------------------------------------------------------

  /** The sequence number of the next incident record (phase change or timeline entry). */
  long nextSeq() {
    return ++seq;
  }

  /** Keeps the newest {@link #LAST_ACTIONS} actions, tagged with the current attempt. */
  void remember(
      int rung, String action, boolean compensation, String outcome, String message, Instant at) {
    lastActions.addLast(
        new ActionRecord(rung, attempts, action, compensation, outcome, message, at));
    while (lastActions.size() > LAST_ACTIONS) {
      lastActions.removeFirst();
    }
  }

  /** The recent actions, oldest first. */
  List<ActionRecord> lastActions() {
    return List.copyOf(lastActions);
  }

  /** Whether the phase or attempts changed since the search attributes were last upserted. */
  boolean searchAttributesStale() {
    return phase != upsertedPhase || attempts != upsertedAttempts;
  }

  void searchAttributesUpserted() {
    upsertedPhase = phase;
    upsertedAttempts = attempts;
  }

  // ---- Continue-as-new --------------------------------------------------------------------------

  /**
   * Whether the run may end here and continue as new: no cancel to honour, no lease held, no call
   * in flight and no compensation pending, since none of those travel in {@link CarriedState}.
   */
  boolean atRest() {
    return !cancelRequested()
        && heldLease == null
        && interruptible == null
        && compensations.isEmpty();
  }
}
