package dev.vigil.api.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api service's gRPC server (grpc-java on Netty, the runtime the Temporal SDK brings): {@code
 * vigil.v1.VigilService} behind {@link GrpcAuth} and {@link GrpcMetrics}, plus the standard health
 * ({@code grpc.health.v1}) and reflection services, unauthenticated like {@code /health}. TLS when
 * {@code vigil.api.grpc.cert-file} is set; calls run on the blocking executor the REST controllers
 * use. Started with the application, stopped with it (running calls get {@code shutdown-grace}).
 */
@Context
@Requires(property = "vigil.api.grpc.enabled", notEquals = "false")
public class GrpcServer {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

  private final GrpcConfig config;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private boolean started;

  public GrpcServer(
      GrpcConfig config,
      VigilGrpcService service,
      GrpcAuth auth,
      GrpcMetrics metrics,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    this.config = config;
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
            .executor(executor)
            .maxInboundMessageSize(config.maxInboundMessageSize())
            .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            // metrics outermost, so refused calls are counted too
            .addService(ServerInterceptors.intercept(service, auth, metrics))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance());
    if (config.tls()) {
      if (config.keyFile() == null || config.keyFile().isBlank()) {
        throw new IllegalStateException(
            "vigil.api.grpc.cert-file is set but vigil.api.grpc.key-file is not");
      }
      builder.useTransportSecurity(new File(config.certFile()), new File(config.keyFile()));
    }
    this.server = builder.build();
  }

  @EventListener
  void onStartup(StartupEvent event) {
    start();
  }

  /** Starts listening (idempotent). */
  public synchronized void start() {
    if (!started && !server.isShutdown()) {
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "gRPC cannot listen on " + config.host() + ":" + config.port(), e);
      }
      started = true;
      LOG.info(
          "gRPC vigil.v1.VigilService on {}:{}{}",
          config.host(),
          port(),
          config.tls() ? " (TLS)" : " (plaintext)");
    }
  }

  /** The port it listens on (the one picked when configured 0). */
  public synchronized int port() {
    if (!started) {
      return config.port();
    }
    return server.getListenSockets().stream()
        .filter(InetSocketAddress.class::isInstance)
        .map(a -> ((InetSocketAddress) a).getPort())
        .findFirst()
        .orElse(config.port());
  }

  @PreDestroy
  void stop() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
