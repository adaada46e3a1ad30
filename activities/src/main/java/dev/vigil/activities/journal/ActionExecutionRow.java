package dev.vigil.activities.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/**
 * The journal's view of an {@code action_execution} row: what it needs to answer a retry.
 *
 * @param result the recorded {@link dev.vigil.workflows.activity.ActionResult} as JSON text
 */
@MappedEntity("action_execution")
public record ActionExecutionRow(
    @Id Long id,
    String idempotencyKey,
    String action,
    String outcome,
    @Nullable String summary,
    @Nullable @TypeDef(type = DataType.STRING) String result,
    int tries,
    @Nullable String errorType,
    @Nullable String error) {}
