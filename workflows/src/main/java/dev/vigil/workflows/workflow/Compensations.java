package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.ActionSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The saga of a remediation: compensations registered by the rungs that ran, undone newest first. A
 * rung registers its compensation before its action runs (a call that timed out may still have
 * acted); the stack is drained when an action fails, on cancel and on a {@code revertOn} reason,
 * and simply dropped when the repair ends healthy.
 */
final class Compensations {

  /**
   * One registered undo.
   *
   * @param plan the rung that registered it (its timeout and retry policy apply)
   * @param attempt the attempt of that rung
   * @param action what undoes it
   */
  record Compensation(RungPlan plan, int attempt, ActionSpec action) {}

  private final Deque<Compensation> stack = new ArrayDeque<>();

  void register(RungPlan plan, int attempt) {
    if (plan.compensation() != null) {
      stack.push(new Compensation(plan, attempt, plan.compensation()));
    }
  }

  /** Takes every registered compensation, newest first, leaving the stack empty. */
  List<Compensation> drainNewestFirst() {
    List<Compensation> undo = new ArrayList<>(stack);
    stack.clear();
    return undo;
  }

  boolean isEmpty() {
    return stack.isEmpty();
  }

  int size() {
    return stack.size();
  }
}
