package dev.vigil.web.security;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.JsonWebTokenEncryption;
import io.micronaut.security.token.jwt.validator.JsonWebTokenParser;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Optional;

/**
 * Parses bearer JWTs like Micronaut's own parser, but never returns an unsigned ({@code alg: none})
 * token: Micronaut accepts those when no signature is configured, which would let anyone mint
 * scopes on a service that only uses hashed tokens. With this parser, a JWT is only trusted once
 * {@code micronaut.security.token.jwt.signatures.*} (a JWKS URL or a secret) verifies it.
 */
@Singleton
@Replaces(JsonWebTokenParser.class)
public class SignedJwtParser implements JsonWebTokenParser<JWT> {
  private final JsonWebTokenEncryption<EncryptedJWT, SignedJWT> encryption;

  public SignedJwtParser(JsonWebTokenEncryption<EncryptedJWT, SignedJWT> encryption) {
    this.encryption = encryption;
  }

  @Override
  @NonNull
  public Optional<JWT> parse(@NonNull String token) {
    if (token.chars().filter(c -> c == '.').count() < 2) {
      return Optional.empty();
    }
    try {
      JWT jwt = JWTParser.parse(token);
      if (jwt instanceof EncryptedJWT encrypted) {
        jwt = encryption.decrypt(encrypted).map(JWT.class::cast).orElse(jwt);
      }
      return jwt instanceof PlainJWT ? Optional.empty() : Optional.of(jwt);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  @Override
  @NonNull
  public Optional<Claims> parseClaims(@NonNull String token) {
    return parse(token)
        .flatMap(
            jwt -> {
              try {
                return Optional.of(new JwtClaimsSetAdapter(jwt.getJWTClaimsSet()));
              } catch (ParseException e) {
                return Optional.empty();
              }
            });
  }
}
