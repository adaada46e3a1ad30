package dev.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The shared bearer-token security over real HTTP: hashed tokens, the dev token, signed JWTs with
 * {@code scope}/{@code scp} claims, refusal of unsigned JWTs, 401/403 as problem details, and the
 * audit row of a refused mutation (real PostgreSQL).
 */
@MicronautTest(transactional = false) // requests commit on their own, as in the services
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BearerTokenSecurityTest implements TestPropertyProvider {
  static final String READER = "reader-secret-token";
  static final String OPERATOR = "operator-secret-token";
  static final String ALERTMANAGER = "alertmanager-secret-token";
  static final String DEV = "local-dev-token";
  static final String CI_BOT = "ci-bot-secret-token";
  static final String JWT_SECRET = "a-test-secret-that-is-at-least-256-bits-long!!";

  @Inject EmbeddedServer server;
  @Inject BearerAuthenticator bearer;
  final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Map<String, String> getProperties() {
    return Map.ofEntries(
        Map.entry("spec.name", "web-security"),
        Map.entry("micronaut.server.port", "-1"),
        // the test's PostgreSQL (TestDataSourceFactory) as the default datasource of Micronaut Data
        Map.entry("datasources.default.dialect", "POSTGRES"),
        Map.entry("vigil.security.dev-token-enabled", "true"),
        Map.entry("vigil.security.dev-token", DEV),
        Map.entry("vigil.security.tokens[0].subject", "grafana"),
        Map.entry("vigil.security.tokens[0].sha256", HashedTokenValidator.sha256Hex(READER)),
        Map.entry("vigil.security.tokens[0].scopes", "state:read"),
        Map.entry("vigil.security.tokens[1].subject", "ops-bot"),
        Map.entry("vigil.security.tokens[1].sha256", HashedTokenValidator.sha256Hex(OPERATOR)),
        Map.entry("vigil.security.tokens[1].scopes", "state:read,mitigation:write"),
        Map.entry("vigil.security.tokens[2].subject", "alertmanager"),
        Map.entry("vigil.security.tokens[2].sha256", HashedTokenValidator.sha256Hex(ALERTMANAGER)),
        Map.entry("vigil.security.tokens[2].scopes", "ingest:write"),
        Map.entry(
            "vigil.security.token-list",
            "nobody:"
                + HashedTokenValidator.sha256Hex("x")
                + ":state:read ci-bot:"
                + HashedTokenValidator.sha256Hex(CI_BOT)
                + ":state:read,mitigation:write"),
        Map.entry("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT_SECRET),
        Map.entry(
            "micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256"));
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String json) throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .header("Content-Type", "application/json")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String jwt(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(JWT_SECRET));
    return jwt.serialize();
  }

  static JWTClaimsSet.Builder claims(String subject) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
  }

  @Nested
  class Refusals {
    @Test
    void noToken_is401ProblemWithBearerChallenge() throws Exception {
      var r = get("/v1/resources", null);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
      assertThat(r.body())
          .contains("\"type\":\"https://vigil.dev/problems/unauthorized\"")
          .contains("\"status\":401")
          .contains("\"instance\":\"/v1/resources\"");
    }

    @Test
    void unknownToken_is401() throws Exception {
      var r = get("/v1/resources", "not-a-token-anyone-configured");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
    }

    @Test
    void tokenLackingTheScope_is403NamingTheScope_andTheRefusedMutationIsAudited()
        throws Exception {
      var r =
          post(
              "/v1/resources/docker%2Fservice%2Fapp/mitigation/cancel",
              READER, "{\"reason\":\"x\"}");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              h -> assertThat(h).contains("insufficient_scope").contains("mitigation:write"));
      assertThat(r.body()).contains("forbidden").contains("grafana").contains("mitigation:write");
      assertThat(auditRows("authorization.denied"))
          .anySatisfy(
              row ->
                  assertThat(row)
                      .contains("grafana", "forbidden", "403", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void readToken_cannotIngest_andIngestToken_cannotRead() throws Exception {
      assertThat(post("/v1/ingest/alertmanager", READER, "{}").statusCode()).isEqualTo(403);
      assertThat(get("/v1/resources", ALERTMANAGER).statusCode()).isEqualTo(403);
      assertThat(post("/v1/ingest/alertmanager", ALERTMANAGER, "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void pathNoRuleMaps_isRefusedEvenWithEveryScope() throws Exception {
      assertThat(get("/internal/unmapped", DEV).statusCode()).isEqualTo(403);
      assertThat(get("/internal/unmapped", null).statusCode()).isEqualTo(401);
    }

    @Test
    void unsignedJwt_isRefusedAlthoughItClaimsEveryScope() throws Exception {
      String token =
          new PlainJWT(claims("mallory").claim("scope", "state:read").build()).serialize();
      assertThat(get("/v1/resources", token).statusCode()).isEqualTo(401);
    }

    @Test
    void jwtSignedWithAnotherKey_isRefused() throws Exception {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              claims("mallory").claim("scope", "state:read").build());
      jwt.sign(new MACSigner("another-secret-that-is-at-least-256-bits-long!!"));
      assertThat(get("/v1/resources", jwt.serialize()).statusCode()).isEqualTo(401);
    }
  }

  @Nested
  class Grants {
    @Test
    void hashedToken_withTheScope_passes_asItsSubject() throws Exception {
      var r = get("/v1/resources", READER);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"caller\":\"grafana\"");
    }

    @Test
    void mutation_withTheScope_passes_andTheControllerAudits() throws Exception {
      var r =
          post(
              "/v1/resources/docker%2Fservice%2Fapp/mitigation/cancel",
              OPERATOR, "{\"reason\":\"maintenance\"}");
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.body()).contains("ops-bot").contains("docker/service/app");
      assertThat(auditRows("mitigation.cancel"))
          .anySatisfy(
              row ->
                  assertThat(row)
                      .contains("ops-bot", "docker/service/app", "maintenance", "accepted", "202"));
    }

    @Test
    void tokenListEntry_fromOneEnvironmentString_grantsItsScopes() throws Exception {
      assertThat(get("/v1/resources", CI_BOT).body()).contains("\"caller\":\"ci-bot\"");
      assertThat(post("/v1/resources/x/mitigation/cancel", CI_BOT, "{}").statusCode())
          .isEqualTo(202);
      assertThat(post("/v1/ingest/alertmanager", CI_BOT, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void devToken_hasEveryScope() throws Exception {
      assertThat(get("/v1/resources", DEV).body()).contains("\"caller\":\"dev\"");
      assertThat(post("/v1/resources/x/mitigation/cancel", DEV, "{}").statusCode()).isEqualTo(202);
      assertThat(post("/v1/ingest/alertmanager", DEV, "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void signedJwt_scopesFromTheSpaceSeparatedScopeClaim() throws Exception {
      String token =
          jwt(claims("alice").claim("scope", "openid state:read mitigation:write").build());
      assertThat(get("/v1/resources", token).body()).contains("\"caller\":\"alice\"");
      assertThat(post("/v1/resources/x/mitigation/cancel", token, "{}").statusCode())
          .isEqualTo(202);
      assertThat(post("/v1/ingest/alertmanager", token, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void signedJwt_scopesFromTheScpArrayClaim() throws Exception {
      String token = jwt(claims("bob").claim("scp", List.of("state:read")).build());
      assertThat(get("/v1/resources", token).statusCode()).isEqualTo(200);
      assertThat(post("/v1/resources/x/mitigation/cancel", token, "{}").statusCode())
          .isEqualTo(403);
    }

    @Test
    void probes_areAnonymous() throws Exception {
      assertThat(get("/health/liveness", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void securityDisabled_letsEveryRequestThrough_andDevTokenIsOffByDefault() throws Exception {
    try (EmbeddedServer other =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "spec.name", "web-security",
                "micronaut.server.port", "-1",
                "datasources.default.dialect", "POSTGRES",
                "vigil.security.enabled", "false"))) {
      var r =
          http.send(
              HttpRequest.newBuilder(URI.create(other.getURL() + "/v1/resources")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(other.getApplicationContext().getBean(SecurityConfig.class).devTokenActive())
          .isFalse();
    }
  }

  List<String> auditRows(String action) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestDataSourceFactory.DB.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select actor, target, request::text, result, status_code, trace_id from audit_log where action = '"
                    + action
                    + "'")) {
      while (rs.next()) {
        rows.add(
            String.join(
                "|",
                rs.getString(1),
                rs.getString(2),
                String.valueOf(rs.getString(3)),
                rs.getString(4),
                String.valueOf(rs.getInt(5)),
                String.valueOf(rs.getString(6))));
      }
    }
    return rows;
  }

  /** The same validators and decision for transports without an HTTP request (gRPC). */
  @Nested
  class OutsideHttp {
    @Test
    void hashedToken_withTheScope_isAllowedAsItsSubject() {
      BearerAuthenticator.Verdict v = bearer.check("Bearer " + OPERATOR, "mitigation:write");
      assertThat(v.outcome()).isEqualTo(BearerAuthenticator.Outcome.ALLOWED);
      assertThat(v.subject()).isEqualTo("ops-bot");
    }

    @Test
    void validTokenWithoutTheScope_isForbidden() {
      BearerAuthenticator.Verdict v = bearer.check("bearer " + READER, "action:write");
      assertThat(v.outcome()).isEqualTo(BearerAuthenticator.Outcome.FORBIDDEN);
      assertThat(v.detail()).contains("grafana").contains("action:write");
    }

    @Test
    void signedJwt_isAllowed_unsignedAndUnknownAreNot() throws Exception {
      String signed = jwt(claims("dash").claim("scope", "state:read action:write").build());
      assertThat(bearer.check("Bearer " + signed, "action:write").subject()).isEqualTo("dash");
      String unsigned =
          new PlainJWT(claims("mallory").claim("scope", "state:read").build()).serialize();
      assertThat(bearer.check("Bearer " + unsigned, "state:read").outcome())
          .isEqualTo(BearerAuthenticator.Outcome.UNAUTHENTICATED);
      assertThat(bearer.check("Bearer nope", "state:read").outcome())
          .isEqualTo(BearerAuthenticator.Outcome.UNAUTHENTICATED);
      assertThat(bearer.check(null, "state:read").detail()).contains("required");
      assertThat(bearer.check("Basic eDp5", "state:read").outcome())
          .isEqualTo(BearerAuthenticator.Outcome.UNAUTHENTICATED);
    }

    @Test
    void devToken_carriesActionWrite() {
      assertThat(bearer.check("Bearer " + DEV, "action:write").outcome())
          .isEqualTo(BearerAuthenticator.Outcome.ALLOWED);
    }
  }
}
