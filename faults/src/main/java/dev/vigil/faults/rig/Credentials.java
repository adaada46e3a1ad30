package dev.vigil.faults.rig;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rig's secrets, fresh for every run: one hashed bearer token per scope (and one with all of
 * them), the HS256 key the services verify JWTs with, and the database password. The log scan of
 * the authorization scenario looks for every one of them in every log line.
 */
public final class Credentials {
  public static final String STATE_READ = "state:read";
  public static final String INGEST_WRITE = "ingest:write";
  public static final String MITIGATION_WRITE = "mitigation:write";
  public static final String APPROVAL_WRITE = "approval:write";
  public static final String ACTION_WRITE = "action:write";
  public static final List<String> SCOPES =
      List.of(STATE_READ, INGEST_WRITE, MITIGATION_WRITE, APPROVAL_WRITE, ACTION_WRITE);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> tokenByScope = new LinkedHashMap<>();
  private final String adminToken = secret("admin");
  private final String jwtSecret = secret("jwt") + secret("key");
  private final String databasePassword = secret("pg");

  public Credentials() {
    for (String scope : SCOPES) {
      tokenByScope.put(scope, secret(scope.replace(':', '-')));
    }
  }

  /** The token that carries exactly {@code scope}. */
  public String token(String scope) {
    return tokenByScope.get(scope);
  }

  /** A token with every scope. */
  public String admin() {
    return adminToken;
  }

  /** {@code VIGIL_API_TOKENS}: {@code <subject>:<sha256>:<scopes>} entries. */
  public String tokenList() {
    List<String> entries = new ArrayList<>();
    tokenByScope.forEach(
        (scope, token) ->
            entries.add("fault-" + scope.replace(':', '-') + ":" + sha256(token) + ":" + scope));
    entries.add("fault-admin:" + sha256(adminToken) + ":" + String.join(",", SCOPES));
    return String.join(";", entries);
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  public String databasePassword() {
    return databasePassword;
  }

  /** A JWT signed with the services' key, carrying {@code scope}, valid for an hour. */
  public String jwt(String subject, String scope) {
    return jwt(subject, scope, Instant.now().plus(Duration.ofHours(1)), jwtSecret);
  }

  /** A correctly signed JWT that expired a minute ago. */
  public String expiredJwt(String scope) {
    return jwt("fault-expired", scope, Instant.now().minus(Duration.ofMinutes(1)), jwtSecret);
  }

  /** A JWT with every claim right, signed with a key the services do not know. */
  public String foreignJwt(String scope) {
    return jwt(
        "fault-foreign", scope, Instant.now().plus(Duration.ofHours(1)), secret("x") + secret("y"));
  }

  /** Every secret of the run, for the log scan. */
  public Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    tokenByScope.forEach((scope, token) -> all.put("token " + scope, token));
    all.put("admin token", adminToken);
    all.put("JWT key", jwtSecret);
    all.put("database password", databasePassword);
    return all;
  }

  private static String jwt(String subject, String scope, Instant expires, String key) {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .subject(subject)
              .claim("scope", scope)
              .issueTime(Date.from(expires.minus(Duration.ofHours(2))))
              .expirationTime(Date.from(expires))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String secret(String prefix) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
