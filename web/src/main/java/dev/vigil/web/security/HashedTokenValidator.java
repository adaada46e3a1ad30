package dev.vigil.web.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.reactivestreams.Publisher;

/**
 * Accepts opaque bearer tokens whose SHA-256 is configured ({@link HashedToken}), and the local
 * run's dev token when enabled. The authentication's name is the token's subject and its roles are
 * the token's scopes. Anything else is left to the next validator (JWT).
 */
@Singleton
public class HashedTokenValidator implements TokenValidator<HttpRequest<?>> {
  public static final String DEV_SUBJECT = "dev";

  /** The dev token's roles: every scope, and every org ({@code org:*}). */
  static final List<String> DEV_ROLES =
      Stream.concat(Scopes.ALL.stream(), Stream.of(TenantClaims.ORG_PREFIX + "*")).toList();

  private record Known(byte[] sha256, Authentication authentication) {}

  private final List<Known> known = new ArrayList<>();

  public HashedTokenValidator(List<HashedToken> tokens, SecurityConfig config) {
    for (HashedToken token : tokens) {
      known.add(
          new Known(
              HexFormat.of().parseHex(token.sha256().trim().toLowerCase(Locale.ROOT)),
              Authentication.build(token.subject(), token.scopes())));
    }
    for (HashedToken token : parseTokenList(config.tokenList())) {
      known.add(
          new Known(
              HexFormat.of().parseHex(token.sha256()),
              Authentication.build(token.subject(), token.scopes())));
    }
    if (config.devTokenActive()) {
      known.add(new Known(sha256(config.devToken()), Authentication.build(DEV_SUBJECT, DEV_ROLES)));
    }
  }

  @Override
  @NonNull
  public Publisher<Authentication> validateToken(
      @NonNull String token, @Nullable HttpRequest<?> request) {
    byte[] hash = sha256(token);
    for (Known k : known) {
      // constant-time comparison: the time taken says nothing about how close a guess was
      if (MessageDigest.isEqual(hash, k.sha256())) {
        return Publishers.just(k.authentication());
      }
    }
    return Publishers.empty();
  }

  /** Before the JWT validator: an opaque token is cheaper to check than to parse as a JWT. */
  @Override
  public int getOrder() {
    return -100;
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Parses {@link SecurityConfig#tokenList()}: {@code <subject>:<sha256>:<scopes>} entries
   * separated by {@code ;} or whitespace; scopes are comma-separated (and contain colons, so only
   * the first two colons separate fields).
   */
  public static List<HashedToken> parseTokenList(@Nullable String list) {
    List<HashedToken> tokens = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return tokens;
    }
    for (String entry : list.trim().split("[;\\s]+")) {
      String[] fields = entry.split(":", 3);
      if (fields.length != 3 || fields[0].isBlank() || !fields[1].matches("[0-9a-fA-F]{64}")) {
        // never echo the entry: it may be a raw token pasted by mistake
        throw new IllegalArgumentException(
            "vigil.security.token-list: an entry is not <subject>:<sha256 hex>:<scopes>");
      }
      tokens.add(
          new HashedToken(
              fields[0], fields[1].toLowerCase(Locale.ROOT), List.of(fields[2].split(","))));
    }
    return tokens;
  }

  /** Lower-case hex SHA-256 of a token, the form {@code vigil.security.tokens[].sha256} takes. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }
}
