package dev.vigil.workflows.workflow;

/**
 * Health of a resource as the state store derives it from its active signals. The constant names
 * are the contract's wire values ({@code "Healthy"}, ...), so they are not upper-cased.
 */
public enum HealthState {
  /** No active adverse signal. */
  Healthy,
  /** Only warnings are active. */
  Degraded,
  /** An error or critical signal is active. */
  Unhealthy;

  public boolean isAdverse() {
    return this != Healthy;
  }
}
