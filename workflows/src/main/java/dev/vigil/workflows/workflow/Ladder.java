package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.Policy;
import java.util.OptionalInt;

/**
 * The escalation ladder of a policy snapshot: which rung is due next and why the ladder ends. A
 * rung is due while rungs remain and the policy's {@code maxAttempts} is not reached (approval
 * rejections skip a rung without counting as an attempt).
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

  /** The plan of the rung at a 0-based index. */
  RungPlan plan(int index) {
    return new RungPlan(index, policy.ladder().size(), policy.rung(index));
  }

  int size() {
    return policy.ladder().size();
  }
}
