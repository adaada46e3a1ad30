package dev.vigil.workflows.policy;

import java.time.Duration;
import java.util.List;

/**
 * A remediation policy: which resources it matches and the ladder of actions that repairs them. A
 * snapshot travels in the workflow input, so a running remediation stays deterministic when the
 * policies file changes. {@link PolicyLoader} fills every default, so no field is null.
 *
 * @param name unique name, shown in the Temporal UI summary and on incidents
 * @param match which resources and reasons this policy repairs
 * @param recurrenceWindow how long a recovery must hold before the repair counts as done
 * @param maxAttempts upper bound on rungs run (approval rejections do not count)
 * @param ladder the escalation ladder, cheapest rung first
 * @param page how to page a human when automation runs out
 * @param revertOn reasons that, once firing after a recovery, undo the ladder's actions by running
 *     the registered compensations (hysteresis, e.g. {@code LowCPU} after a {@code HighCPU} scale)
 * @param dryRun record "would do" instead of acting, for this policy only
 * @param budgetScope dimensions of the storm-guard lease scope: any of {@code cluster}, {@code
 *     type}, {@code namespace}
 * @param approvalTimeout how long a rung waits for a human decision before paging
 */
public record Policy(
    String name,
    PolicyMatch match,
    Duration recurrenceWindow,
    int maxAttempts,
    List<Rung> ladder,
    PageSpec page,
    List<String> revertOn,
    boolean dryRun,
    List<String> budgetScope,
    Duration approvalTimeout) {

  public static final Duration DEFAULT_RECURRENCE_WINDOW = Duration.ofMinutes(30);
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(1);
  public static final List<String> DEFAULT_BUDGET_SCOPE = List.of("cluster");

  public Policy {
    ladder = ladder == null ? List.of() : List.copyOf(ladder);
    revertOn = revertOn == null ? List.of() : List.copyOf(revertOn);
    budgetScope = budgetScope == null ? DEFAULT_BUDGET_SCOPE : List.copyOf(budgetScope);
  }

  /** The rung at a 0-based index. */
  public Rung rung(int index) {
    return ladder.get(index);
  }
}
