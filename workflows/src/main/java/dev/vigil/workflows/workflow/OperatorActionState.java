package dev.vigil.workflows.workflow;

/**
 * Where an operator action is: {@code REQUESTED -> [AWAITING_APPROVAL] -> [THROTTLED] -> RUNNING ->
 * SUCCEEDED | FAILED}, or it ends early {@code REJECTED} (approval refused), {@code EXPIRED} (no
 * decision, or the storm guard held it back, for too long) or {@code CANCELLED}.
 */
public enum OperatorActionState {
  REQUESTED,
  AWAITING_APPROVAL,
  THROTTLED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  REJECTED,
  EXPIRED,
  CANCELLED;

  public boolean isFinal() {
    return switch (this) {
      case SUCCEEDED, FAILED, REJECTED, EXPIRED, CANCELLED -> true;
      default -> false;
    };
  }
}
