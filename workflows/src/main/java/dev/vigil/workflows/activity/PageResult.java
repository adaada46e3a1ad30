package dev.vigil.workflows.activity;

/**
 * What a paging call did.
 *
 * @param dedupKey the page's dedup key
 * @param outcome {@code TRIGGERED}, {@code RESOLVED}, {@code WOULD_PAGE} (dry run) or {@code
 *     DISABLED} (no sink configured)
 * @param sink {@code pagerduty}, {@code webhook} or {@code none}
 */
public record PageResult(String dedupKey, String outcome, String sink) {}
