package dev.vigil.workflows.workflow;

import dev.vigil.workflows.policy.Policy;

/**
 * Input of {@link RemediationWorkflow#remediate}.
 *
 * @param resource the resource to repair
 * @param policy snapshot of the matching policy, taken when the workflow started
 * @param trigger the observation that started the repair
 * @param dryRun global dry-run: record "would do", change nothing (the policy may also ask for it)
 * @param carried state carried over continue-as-new; null on the first run
 */
public record RemediationInput(
    ResourceRef resource,
    Policy policy,
    HealthObservation trigger,
    boolean dryRun,
    CarriedState carried) {

  public boolean effectiveDryRun() {
    return dryRun || policy.dryRun();
  }
}
