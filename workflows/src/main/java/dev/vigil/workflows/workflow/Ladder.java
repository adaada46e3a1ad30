package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.workflow.NextStep.Cancelled;
import dev.vigil.workflows.workflow.NextStep.Healthy;
import dev.vigil.workflows.workflow.NextStep.NextRung;
import dev.vigil.workflows.workflow.NextStep.Probation;
import dev.vigil.workflows.workflow.NextStep.Revert;
import dev.vigil.workflows.workflow.NextStep.Terminal;
import dev.vigil.workflows.workflow.NextStep.Watch;
import java.util.OptionalInt;

/**
 * The escalation ladder of a policy snapshot: which rung is due next, what follows a rung's outcome
 * and why the ladder ends. A rung is due while rungs remain and the policy's {@code maxAttempts} is
 * not reached (approval rejections skip a rung without counting as an attempt).
 */
final class Ladder {
  private final Policy policy;

  Ladder(Policy policy) {
    this.policy = policy;
  }

  /** The 0-based index of the rung to run, or empty when the ladder is done. */
  OptionalInt next(int nextRung, int attempts) {
    if (nextRung >= policy.ladder().size() || attempts >= policy.maxAttempts()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(nextRung);
  }

  /** Why {@link #next} is empty: the ladder ran out, or the attempt bound was reached first. */
  String endReason(int nextRung, int attempts) {
    int size = policy.ladder().size();
    if (attempts >= policy.maxAttempts() && nextRung < size) {
      return "max attempts (" + policy.maxAttempts() + ") reached";
    }
    return "ladder exhausted after " + size + (size == 1 ? " rung" : " rungs");
  }

  /**
   * Why the repair goes {@code TERMINAL} when {@link #next} is empty: the end reason, with the
   * outcome of the last rung this run (null when none ran) appended; the incident ends {@code
   * FAILED} when that rung's action failed.
   */
  Terminal exhausted(int nextRung, int attempts, RungOutcome last) {
    String why =
        endReason(nextRung, attempts) + (last == null ? "" : " (last: " + last.note() + ")");
    return new Terminal(why, last != null && last.kind() == RungOutcome.Kind.FAILED);
  }

  /**
   * What follows an outcome, given the 0-based index of the rung that was due. A rung that acted or
   * was rejected moves the ladder on; one that found the resource already clear does not, so the
   * same rung is next if the problem recurs. A rung that left the resource clear is followed by the
   * recovery watch, whose own outcomes (quiet, recurred, reverted, cancelled) end here too.
   */
  static NextStep after(RungOutcome outcome, int nextRung) {
    return switch (outcome.kind()) {
      case CLEARED -> new Watch(nextRung + 1, outcome.note());
      case ALREADY_CLEAR -> new Watch(nextRung, outcome.note());
      case NOT_CLEARED, FAILED -> new Probation(nextRung + 1, outcome.note());
      case RECURRED -> new Probation(nextRung, outcome.note());
      case REJECTED -> new NextRung(nextRung + 1);
      case APPROVAL_TIMED_OUT -> new Terminal(outcome.note(), false);
      case QUIET -> new Healthy(outcome.note());
      case REVERTED -> new Revert(outcome.note());
      case CANCELLED -> new Cancelled();
    };
  }

  /** The plan of the rung at a 0-based index. */
  RungPlan plan(int index) {
    return new RungPlan(index, policy.ladder().size(), policy.rung(index));
  }

  int size() {
    return policy.ladder().size();
  }
}
