package dev.vigil.web.audit;

import io.micronaut.core.annotation.Nullable;

/**
 * One row of {@code audit_log}: who did what to which target, and how it ended.
 *
 * @param actor the token's subject ({@code anonymous} when security is off)
 * @param action stable dotted name, e.g. {@code mitigation.cancel}, {@code approval.decide}
 * @param target what it acted on: a resource id, an incident id and step, a path
 * @param requestJson the request body as JSON, or null
 * @param result short word: {@code accepted}, {@code not_found}, {@code conflict}, {@code
 *     forbidden}, {@code invalid}, {@code failed}
 * @param statusCode the HTTP status answered
 * @param traceId the W3C trace id of the request, or null
 */
public record AuditEntry(
    String actor,
    String action,
    String target,
    @Nullable String requestJson,
    String result,
    int statusCode,
    @Nullable String traceId) {}
