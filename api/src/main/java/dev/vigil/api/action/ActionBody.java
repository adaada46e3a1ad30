package dev.vigil.api.action;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Body of {@code POST /v1/resources/{id}/actions}.
 *
 * @param action a name of the catalog, e.g. {@code docker.scale}
 * @param target {@code self} (default), {@code owner} (a pod's workload) or {@code node}
 * @param params the action's parameters; numbers and booleans are taken as their text
 * @param dryRun record what would be done and change nothing
 * @param requireApproval wait for {@code POST /v1/actions/{id}/approval} before acting
 */
@Serdeable
public record ActionBody(
    @Nullable String action,
    @Nullable String target,
    @Nullable Map<String, Object> params,
    @Nullable Boolean dryRun,
    @Nullable Boolean requireApproval) {}
