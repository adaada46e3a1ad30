package dev.vigil.api.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The gRPC API ({@code vigil.api.grpc.*}); defaults documented in {@code application.yml}.
 *
 * @param enabled serve it at all
 * @param host the address it listens on: loopback locally, {@code 0.0.0.0} in a container
 * @param port its port; 0 picks a free one (tests)
 * @param certFile PEM certificate chain: with {@code keyFile}, the server speaks TLS only
 * @param keyFile PEM private key (PKCS#8) of {@code certFile}
 * @param maxInboundMessageSize largest request accepted (the API's requests are small)
 * @param keepAliveTime HTTP/2 ping interval on idle connections (event streams through proxies)
 * @param shutdownGrace how long running calls get to finish when the service stops
 */
@ConfigurationProperties("vigil.api.grpc")
public record GrpcConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "127.0.0.1") String host,
    @Bindable(defaultValue = "9090") int port,
    @Nullable String certFile,
    @Nullable String keyFile,
    @Bindable(defaultValue = "65536") int maxInboundMessageSize,
    @Bindable(defaultValue = "30s") Duration keepAliveTime,
    @Bindable(defaultValue = "5s") Duration shutdownGrace) {

  public boolean tls() {
    return certFile != null && !certFile.isBlank();
  }
}
