package dev.vigil.api.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * {@code vigil_grpc_server_requests_seconds{method, code}}: every call, timed from its start to its
 * status, refused ones included. Labels are bounded: {@code method} is one of the service's methods
 * (anything else is {@code other}), {@code code} a gRPC status code.
 */
@Singleton
public class GrpcMetrics implements ServerInterceptor {
  static final String METRIC = "vigil.grpc.server.requests";

  private final MeterRegistry registry;

  public GrpcMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String full = call.getMethodDescriptor().getFullMethodName();
    String method =
        GrpcAuth.SCOPES.containsKey(full) ? full.substring(full.indexOf('/') + 1) : "other";
    Timer.Sample sample = Timer.start(registry);
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            sample.stop(
                Timer.builder(METRIC)
                    .description("gRPC calls by method and status code")
                    .tag("method", method)
                    .tag("code", status.getCode().name())
                    .register(registry));
            super.close(status, trailers);
          }
        },
        headers);
  }
}
