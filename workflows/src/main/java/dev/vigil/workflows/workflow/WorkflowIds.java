package dev.vigil.workflows.workflow;

/** Workflow ids and the task queue: one remediation per resource, found by its resource id. */
public final class WorkflowIds {
  public static final String TASK_QUEUE = "vigil-remediation";
  public static final String PREFIX = "remediation:";

  private WorkflowIds() {}

  public static String remediation(String resourceId) {
    return PREFIX + resourceId;
  }

  public static String resourceIdOf(String workflowId) {
    if (!workflowId.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a remediation workflow id: " + workflowId);
    }
    return workflowId.substring(PREFIX.length());
  }
}
