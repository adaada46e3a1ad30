package dev.vigil.web.security;

import dev.vigil.web.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Flux;

/**
 * Bearer-token checks for transports that are not Micronaut HTTP requests (the gRPC API): the very
 * validators the HTTP filter uses, in its order (hashed tokens and the dev token, then signed
 * JWTs), and the same decision as {@link ScopeSecurityRule}: no valid token is unauthenticated, a
 * valid one without the scope is forbidden, and with {@code vigil.security.enabled=false} everyone
 * is let in as {@code anonymous}.
 */
@Singleton
public class BearerAuthenticator {
  private static final String BEARER = "bearer ";
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);

  private final List<TokenValidator<HttpRequest<?>>> validators;
  private final SecurityConfig config;

  public BearerAuthenticator(
      Collection<TokenValidator<HttpRequest<?>>> validators, SecurityConfig config) {
    List<TokenValidator<HttpRequest<?>>> sorted = new ArrayList<>(validators);
    OrderUtil.sort(sorted);
    this.validators = List.copyOf(sorted);
    this.config = config;
  }

  /** The outcome of a check. */
  public enum Outcome {
    ALLOWED,
    /** No token, or one no validator vouches for. */
    UNAUTHENTICATED,
    /** A valid token without the scope. */
    FORBIDDEN
  }

  /**
   * @param outcome what to answer
   * @param subject the caller's name (the audit log's actor), {@code anonymous} when unknown
   * @param detail why, in the words of the HTTP problem details
   * @param claims the orgs and clusters the caller may see ({@link TenantClaims#EVERYTHING} with
   *     security off)
   */
  public record Verdict(Outcome outcome, String subject, String detail, TenantClaims claims) {}

  private static final TenantClaims NOTHING = new TenantClaims(Set.of(), Set.of());

  /**
   * Decides a call that needs {@code scope}, from the value of its {@code authorization} header or
   * metadata ({@code Bearer <token>}).
   */
  public Verdict check(@Nullable String authorization, String scope) {
    if (!config.enabled()) {
      return new Verdict(
          Outcome.ALLOWED, AuditLog.ANONYMOUS, "security is off", TenantClaims.EVERYTHING);
    }
    Optional<Authentication> authentication = bearerToken(authorization).flatMap(this::validate);
    if (authentication.isEmpty()) {
      return new Verdict(
          Outcome.UNAUTHENTICATED,
          AuditLog.ANONYMOUS,
          authorization == null || authorization.isBlank()
              ? "a bearer token is required (authorization: Bearer <token>)"
              : "the bearer token is not valid (unknown, expired or unsigned)",
          NOTHING);
    }
    String subject = authentication.get().getName();
    if (!authentication.get().getRoles().contains(scope)) {
      return new Verdict(
          Outcome.FORBIDDEN,
          subject,
          "the token of '" + subject + "' lacks the scope '" + scope + "'",
          NOTHING);
    }
    return new Verdict(Outcome.ALLOWED, subject, "allowed", TenantClaims.of(authentication.get()));
  }

  /** The authentication the first validator that vouches for {@code token} gives. */
  public Optional<Authentication> validate(String token) {
    for (TokenValidator<HttpRequest<?>> validator : validators) {
      Authentication authentication =
          Flux.from(validator.validateToken(token, null)).next().block(VALIDATION_TIMEOUT);
      if (authentication != null) {
        return Optional.of(authentication);
      }
    }
    return Optional.empty();
  }

  /** The token of a {@code Bearer <token>} value (the scheme in any case), else empty. */
  public static Optional<String> bearerToken(@Nullable String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
