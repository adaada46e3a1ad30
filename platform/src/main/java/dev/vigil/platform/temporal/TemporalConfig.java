package dev.vigil.platform.temporal;

import dev.vigil.workflows.workflow.WorkflowIds;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where Temporal is ({@code vigil.temporal.*}). Local: the dev server on 127.0.0.1:7233. Temporal
 * Cloud: {@code <ns>.<acct>.tmprl.cloud:7233} with mTLS ({@code tls.cert-file}/{@code
 * tls.key-file}) or {@code <region>.<cloud>.api.temporal.io:7233} with an API key (TLS implied).
 *
 * @param target host:port of the frontend
 * @param namespace the namespace
 * @param taskQueue the remediation task queue
 * @param apiKey Temporal Cloud API key (never logged), or null
 * @param tls TLS settings
 * @param keepAlive gRPC keep-alive pings on idle connections (on; the Java test server, which
 *     answers frequent pings with GOAWAY too_many_pings, wants them off)
 */
@ConfigurationProperties("vigil.temporal")
public record TemporalConfig(
    @Bindable(defaultValue = "127.0.0.1:7233") String target,
    @Bindable(defaultValue = "default") String namespace,
    @Bindable(defaultValue = WorkflowIds.TASK_QUEUE) String taskQueue,
    @Nullable String apiKey,
    @Nullable Tls tls,
    @Bindable(defaultValue = "true") boolean keepAlive) {

  public boolean tlsEnabled() {
    return (tls != null && tls.enabled()) || (apiKey != null && !apiKey.isBlank());
  }

  /**
   * TLS to the frontend.
   *
   * @param enabled use TLS (implied by an API key)
   * @param certFile client certificate (PEM) for mTLS, or null
   * @param keyFile client private key (PKCS8 PEM) for mTLS, or null
   * @param caFile CA bundle to trust instead of the system's, or null
   * @param serverName SNI / authority override, or null
   */
  @ConfigurationProperties("tls")
  public record Tls(
      @Bindable(defaultValue = "false") boolean enabled,
      @Nullable String certFile,
      @Nullable String keyFile,
      @Nullable String caFile,
      @Nullable String serverName) {}
}
