package dev.vigil.web.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A configured opaque bearer token, stored as its SHA-256 so configuration never holds the secret
 * ({@code vigil.security.tokens[n]}); create one with {@code printf %s "$TOKEN" | sha256sum}.
 *
 * @param subject who uses it: the audit log's actor (e.g. {@code alertmanager}, {@code ops-bot})
 * @param sha256 lower-case hex SHA-256 of the token
 * @param scopes what it may do, e.g. {@code [state:read, mitigation:write]}
 */
@EachProperty(value = "vigil.security.tokens", list = true)
public record HashedToken(String subject, String sha256, @Nullable List<String> scopes) {

  public HashedToken {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
