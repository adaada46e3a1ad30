package dev.vigil.workflows.activity;

/**
 * Where an action call comes from. Its {@link #idempotencyKey()} is stable across the activity's
 * own retries, so an activity that already did its work recognises the retry and does not act
 * twice.
 *
 * @param workflowId the remediation's workflow id
 * @param incidentId the incident this repair belongs to (a resource has a new one per repair)
 * @param resourceId the resource
 * @param rung 1-based rung number
 * @param attempt the remediation's attempt number (rungs run so far, this one included)
 * @param kind whether this is the rung's action or a compensation
 * @param dryRun record "would do" and change nothing
 */
public record ActionContext(
    String workflowId,
    String incidentId,
    String resourceId,
    int rung,
    int attempt,
    Kind kind,
    boolean dryRun) {

  public enum Kind {
    ACTION,
    COMPENSATION
  }

  /**
   * {@code workflowId/incidentId/rung/attempt/kind} (docs/design.md "Actions"): the incident id is
   * in it because a resource's next repair reuses its workflow id, the kind because a compensation
   * has its rung's number and attempt.
   */
  public String idempotencyKey() {
    return workflowId + "/" + incidentId + "/" + rung + "/" + attempt + "/" + kind;
  }
}
