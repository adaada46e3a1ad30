package dev.vigil.workflows.workflow;

/**
 * The {@code decideApproval} signal.
 *
 * @param step the rung number awaiting approval, 1-based as the API's {@code approvals/{step}}
 * @param decision approve or reject
 * @param by who decided (token subject)
 * @param comment free text for the timeline
 */
public record ApprovalDecision(int step, Decision decision, String by, String comment) {

  public enum Decision {
    APPROVE,
    REJECT;

    /** Parses the API's {@code approve|reject}, case-insensitively. */
    public static Decision parse(String value) {
      return Decision.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }
}
