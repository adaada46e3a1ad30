package dev.vigil.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One row of {@code audit_log} as {@code GET /v1/audit} returns it.
 *
 * @param id the row's id (newest first; the cursor)
 * @param at when it was written
 * @param actor the token's subject
 * @param action {@code mitigation.cancel}, {@code approval.decide}, {@code action.request}, {@code
 *     resource.get}, ...
 * @param target a resource id, an incident id and step, an action id, a list's name
 * @param request the request body or query, as JSON text
 * @param result {@code accepted}, {@code ok}, {@code not_found}, {@code out_of_scope}, ...
 * @param statusCode the HTTP status answered
 * @param traceId the W3C trace id of the request
 */
@Serdeable
public record AuditRecord(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    @Nullable String request,
    String result,
    int statusCode,
    @Nullable String traceId) {}
