package dev.vigil.workflows.workflow;

/**
 * Workflow ids and the task queue: one remediation per resource, found by its resource id; one
 * workflow per operator action, {@code action:<resourceId>:<actionId>}.
 */
public final class WorkflowIds {
  public static final String TASK_QUEUE = "vigil-remediation";
  public static final String PREFIX = "remediation:";
  public static final String ACTION_PREFIX = "action:";

  private WorkflowIds() {}

  public static String remediation(String resourceId) {
    return PREFIX + resourceId;
  }

  /** The workflow of one operator action on a resource. */
  public static String action(String resourceId, String actionId) {
    return ACTION_PREFIX + resourceId + ":" + actionId;
  }

  public static String resourceIdOf(String workflowId) {
    if (!workflowId.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a remediation workflow id: " + workflowId);
    }
    return workflowId.substring(PREFIX.length());
  }
}
