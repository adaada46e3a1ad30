package dev.vigil.api.mitigation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/resources/{id}/mitigation/cancel}: why the repair is stopped. */
@Serdeable
public record CancelBody(@Nullable String reason) {}
