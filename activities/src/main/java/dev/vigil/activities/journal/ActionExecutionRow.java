package dev.vigil.activities.journal;

import io.micronaut.core.annotation.Nullable;

/**
 * The journal's view of an {@code action_execution} row: what it needs to answer a retry.
 *
 * @param result the recorded {@link dev.vigil.workflows.activity.ActionResult} as JSON text
 */
public record ActionExecutionRow(
    Long id,
    String idempotencyKey,
    String action,
    String outcome,
    @Nullable String summary,
    @Nullable String result,
    int tries,
    @Nullable String errorType,
    @Nullable String error) {}
