package dev.vigil.ingest.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Test-side: the Micronaut HTTP client of the pipeline tests sends the ingest token, as
 * Alertmanager and eventrouter do in production. Off in {@code IngestAuthIT}, which checks what
 * happens without it.
 */
@ClientFilter
@Requires(property = "test.ingest.send-token", value = "true", defaultValue = "true")
public class IngestTokenFilter {
  @RequestFilter
  public void addToken(MutableHttpRequest<?> request) {
    if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
      request.bearerAuth(IngestTokens.INGEST);
    }
  }
}
