package dev.vigil.platform.temporal;

import com.uber.m3.tally.Scope;
import dev.vigil.workflows.client.OperatorActionClient;
import dev.vigil.workflows.client.RemediationClient;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.inject.Singleton;
import java.io.File;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The Temporal connection every service shares. Connecting is lazy: a service starts (and answers
 * its probes) while Temporal is still down; the first call connects.
 *
 * <p>A service that exports the SDK's metrics (the worker) defines a tally {@link Scope} bean; the
 * stubs then report through it, and so do workers built on this client.
 */
@Factory
public class TemporalClientFactory {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> NAMESPACE =
      Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER);

  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalConfig config, @Nullable Scope temporalMetricsScope) {
    return WorkflowServiceStubs.newServiceStubs(stubsOptions(config, temporalMetricsScope));
  }

  @Singleton
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      TemporalConfig config,
      List<WorkflowClientInterceptor> interceptors) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.namespace())
            .setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new))
            .build());
  }

  @Singleton
  RemediationClient remediationClient(WorkflowClient client, TemporalConfig config) {
    return new RemediationClient(client, config.taskQueue());
  }

  /** Operator actions run on the remediation task queue, by the same workers. */
  @Singleton
  OperatorActionClient operatorActionClient(WorkflowClient client, TemporalConfig config) {
    return new OperatorActionClient(client, config.taskQueue());
  }

  /** Target, TLS/mTLS and API key as {@link TemporalConfig} says. */
  public static WorkflowServiceStubsOptions stubsOptions(TemporalConfig config) {
    return stubsOptions(config, null);
  }

  /** As {@link #stubsOptions(TemporalConfig)}, reporting the SDK's metrics to {@code scope}. */
  public static WorkflowServiceStubsOptions stubsOptions(
      TemporalConfig config, @Nullable Scope metricsScope) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.target());
    if (metricsScope != null) {
      options.setMetricsScope(metricsScope);
    }
    if (!config.keepAlive()) {
      options.setEnableKeepAlive(false);
    }
    if (config.tlsEnabled()) {
      options.setSslContext(sslContext(config.tls()));
      if (config.tls() != null && config.tls().serverName() != null) {
        options.setChannelInitializer(c -> c.overrideAuthority(config.tls().serverName()));
      }
    }
    if (config.apiKey() != null && !config.apiKey().isBlank()) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + config.apiKey());
      headers.put(NAMESPACE, config.namespace());
      options.addGrpcMetadataProvider(() -> headers);
    }
    return options.build();
  }

  private static SslContext sslContext(TemporalConfig.Tls tls) {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (tls != null && tls.caFile() != null) {
        builder.trustManager(new File(tls.caFile()));
      }
      if (tls != null && tls.certFile() != null && tls.keyFile() != null) {
        builder.keyManager(new File(tls.certFile()), new File(tls.keyFile()));
      }
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS context for Temporal", e);
    }
  }
}
