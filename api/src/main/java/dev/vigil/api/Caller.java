package dev.vigil.api;

import dev.vigil.web.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

/**
 * Who asks for a mutation, as services need it without HTTP types: the token's subject (the audit
 * log's actor and the signal's {@code by}) and the request's trace id.
 */
public record Caller(String actor, @Nullable String traceId) {

  public static Caller of(HttpRequest<?> request) {
    return new Caller(AuditLog.actorOf(request), AuditLog.traceIdOf(request).orElse(null));
  }
}
