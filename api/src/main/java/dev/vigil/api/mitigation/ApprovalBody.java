package dev.vigil.api.mitigation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/incidents/{id}/approvals/{step}}: {@code approve} or {@code reject}. */
@Serdeable
public record ApprovalBody(@Nullable String decision, @Nullable String comment) {}
