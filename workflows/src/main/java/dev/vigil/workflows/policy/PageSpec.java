package dev.vigil.workflows.policy;

/**
 * How the terminal page goes out.
 *
 * @param severity PagerDuty severity: {@code critical}, {@code error}, {@code warning} or {@code
 *     info}
 */
public record PageSpec(String severity) {
  public static final PageSpec DEFAULT = new PageSpec("critical");
}
