package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.support.Fixtures;
import dev.vigil.ingest.support.IngestTestProperties;
import dev.vigil.ingest.support.IngestTokens;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The ingest endpoints need a bearer token with {@code ingest:write} (vigil-web's scope rules):
 * without one 401, with a token lacking the scope 403, both as problem details; with the token
 * Alertmanager is configured with, 202. The probes stay anonymous.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class IngestAuthIT implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    TestPostgres.Database database = TestPostgres.newDatabase("ingest_auth");
    Map<String, String> properties =
        new HashMap<>(
            IngestTestProperties.of(
                "ingest-auth", database, IngestTestProperties.topics("ingest-auth"), null));
    // HTTP answers only: no consumer (its shutdown once hung under load) and no relay
    properties.put("vigil.ingest.consumer.enabled", "false");
    properties.put("vigil.ingest.relay.enabled", "false");
    properties.put("test.ingest.send-token", "false");
    return properties;
  }

  private HttpRequest<String> alert(String token) {
    HttpRequest<String> request =
        HttpRequest.POST(
            "/v1/ingest/alertmanager", Fixtures.text("alertmanager/crashloop-firing.json"));
    return token == null
        ? request
        : ((io.micronaut.http.MutableHttpRequest<String>) request).bearerAuth(token);
  }

  @Test
  void withoutToken_is401ProblemWithBearerChallenge() {
    assertThatThrownBy(() -> http.toBlocking().exchange(alert(null), String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(401);
              assertThat(e.getResponse().getContentType().map(Object::toString))
                  .contains("application/problem+json");
              assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
            });
  }

  @Test
  void tokenWithoutIngestScope_is403NamingTheScope() {
    assertThatThrownBy(
            () -> http.toBlocking().exchange(alert(IngestTokens.READ_ONLY), String.class))
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(403);
              assertThat(e.getResponse().getBody(String.class))
                  .hasValueSatisfying(body -> assertThat(body).contains("ingest:write"));
            });
  }

  @Test
  void alertmanagerToken_isAccepted_andProbesStayAnonymous() {
    HttpResponse<String> accepted =
        http.toBlocking().exchange(alert(IngestTokens.INGEST), String.class);
    assertThat(accepted.getStatus().getCode()).isEqualTo(202);

    assertThat(http.toBlocking().exchange("/health/liveness", String.class).getStatus().getCode())
        .isEqualTo(200);
  }
}
