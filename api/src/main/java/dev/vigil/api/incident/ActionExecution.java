package dev.vigil.api.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** One attempt of an action or compensation ({@code action_execution}). */
@Serdeable
public record ActionExecution(
    int rung,
    int attempt,
    String kind,
    String action,
    @Nullable String target,
    Map<String, Object> params,
    boolean dryRun,
    String outcome,
    @Nullable String summary,
    @Nullable String errorType,
    @Nullable String error,
    int tries,
    Instant startedAt,
    @Nullable Instant finishedAt) {}
