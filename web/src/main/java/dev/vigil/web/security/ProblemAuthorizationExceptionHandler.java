package dev.vigil.web.security;

import dev.vigil.web.Problem;
import dev.vigil.web.Problems;
import dev.vigil.web.audit.AuditLog;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Answers refused requests with problem details: 401 with a {@code WWW-Authenticate: Bearer}
 * challenge when no valid token came, 403 naming the missing scope when the token lacks it (RFC
 * 6750 {@code insufficient_scope}). A refused mutation by a known caller is written to the audit
 * log; anonymous refusals are not, so unauthenticated floods cannot fill the table.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class ProblemAuthorizationExceptionHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
  static final String REALM = "vigil";

  private final Optional<AuditLog> auditLog;

  public ProblemAuthorizationExceptionHandler(Optional<AuditLog> auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    if (!exception.isForbidden()) {
      boolean tokenSent = request.getHeaders().getAuthorization().isPresent();
      String detail =
          tokenSent
              ? "the bearer token is not valid (unknown, expired or unsigned)"
              : "a bearer token is required (Authorization: Bearer <token>)";
      return Problems.response(request, Problems.unauthorized(detail))
          .header(
              HttpHeaders.WWW_AUTHENTICATE,
              "Bearer realm=\"" + REALM + "\"" + (tokenSent ? ", error=\"invalid_token\"" : ""));
    }
    String scope =
        request.getAttribute(ScopeSecurityRule.REQUIRED_SCOPE, String.class).orElse(null);
    String subject =
        exception.getAuthentication() != null ? exception.getAuthentication().getName() : "unknown";
    Problem problem =
        Problems.forbidden(
            scope == null
                ? "no rule allows " + request.getMethod() + " " + request.getPath()
                : "the token of '" + subject + "' lacks the scope '" + scope + "'");
    audit(request, subject, scope);
    return Problems.response(request, problem)
        .header(
            HttpHeaders.WWW_AUTHENTICATE,
            "Bearer realm=\""
                + REALM
                + "\", error=\"insufficient_scope\""
                + (scope == null ? "" : ", scope=\"" + scope + "\""));
  }

  private void audit(HttpRequest<?> request, String subject, @Nullable String scope) {
    if (auditLog.isEmpty() || !request.getMethod().permitsRequestBody()) {
      return;
    }
    auditLog
        .get()
        .record(
            request,
            subject,
            "authorization.denied",
            request.getPath(),
            scope == null ? null : java.util.Map.of("requiredScope", scope),
            "forbidden",
            403);
  }
}
