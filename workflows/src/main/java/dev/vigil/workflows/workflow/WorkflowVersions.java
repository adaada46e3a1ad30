package dev.vigil.workflows.workflow;

/**
 * Change ids for {@code Workflow.getVersion}: the home of every behavioural change to the released
 * {@link RemediationWorkflowImpl}. Version 1 of the workflow is the baseline recorded in {@code
 * src/test/resources/histories/*_v1.json}; it needs no id.
 *
 * <p>A change that alters the commands a running workflow issues (an extra activity, a timer, a
 * different order) gets a pair of constants here and a guard at the changed spot, so workflows
 * started by older code replay unchanged:
 *
 * <pre>{@code
 * public static final String VERIFY_WITH_LEASE_TAG = "verify-with-lease-tag";
 * public static final int VERIFY_WITH_LEASE_TAG_CURRENT_VERSION = 1;
 *
 * int v = Workflow.getVersion(VERIFY_WITH_LEASE_TAG, Workflow.DEFAULT_VERSION,
 *     VERIFY_WITH_LEASE_TAG_CURRENT_VERSION);
 * if (v >= 1) { ...new behaviour... } else { ...old behaviour... }
 * }</pre>
 *
 * Then record a history of the new behaviour ({@code <scenario>_v2.json}) next to the old ones;
 * {@code RemediationReplayTest} replays them all, and shows the pattern with a guarded change.
 * Remove a guard (and its constant) only once no workflow started before it can still run.
 */
public final class WorkflowVersions {
  private WorkflowVersions() {}
}
