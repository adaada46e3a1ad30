package dev.vigil.api.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One active signal of a resource, an element of the contract's {@code activeSignals}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveSignal(
    String code,
    String reason,
    long count,
    String severity,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    @Nullable String message,
    @Nullable Instant expiresAt) {}
