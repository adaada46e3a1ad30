package dev.vigil.activities.paging;

/** The two things a page can do: open it, or close it again (PagerDuty {@code event_action}). */
public enum PageAction {
  TRIGGER("trigger", "TRIGGERED"),
  RESOLVE("resolve", "RESOLVED");

  private final String eventAction;
  private final String outcome;

  PageAction(String eventAction, String outcome) {
    this.eventAction = eventAction;
    this.outcome = outcome;
  }

  /** {@code trigger} or {@code resolve}, as the Events API and the webhook body spell it. */
  public String eventAction() {
    return eventAction;
  }

  /** The {@code PageResult} outcome once delivered. */
  public String outcome() {
    return outcome;
  }
}
