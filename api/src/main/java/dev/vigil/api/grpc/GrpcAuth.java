package dev.vigil.api.grpc;

import dev.vigil.api.Caller;
import dev.vigil.api.grpc.v1.VigilServiceGrpc;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.web.Problems;
import dev.vigil.web.audit.AuditEntry;
import dev.vigil.web.audit.AuditLog;
import dev.vigil.web.security.BearerAuthenticator;
import dev.vigil.web.security.Scopes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer tokens on the gRPC API: the {@code authorization} metadata ({@code Bearer <token>})
 * checked by the web module's {@link BearerAuthenticator} (the HTTP filter's validators), each
 * method needing the scope its REST twin needs. No valid token is {@code UNAUTHENTICATED}, a token
 * without the scope {@code PERMISSION_DENIED} (written to the audit log for a mutation, as the HTTP
 * side does); a method without a rule is refused. An allowed call runs with its {@link Caller} in
 * the gRPC context.
 */
@Singleton
public class GrpcAuth implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern TRACE =
      Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

  /** The scope of each method, by its full gRPC name. */
  static final Map<String, String> SCOPES =
      Map.ofEntries(
          read("GetClusterInfo"),
          read("GetFleetSummary"),
          read("ListResources"),
          read("GetResource"),
          read("ListIncidents"),
          read("GetIncident"),
          read("GetActionStatus"),
          read("StreamEvents"),
          Map.entry(method("ExecuteAction"), Scopes.ACTION_WRITE),
          Map.entry(method("CancelMitigation"), Scopes.MITIGATION_WRITE),
          Map.entry(method("DecideApproval"), Scopes.APPROVAL_WRITE));

  /** The methods that change something: refusals of known callers are audited. */
  static final Set<String> MUTATIONS =
      Set.of(method("ExecuteAction"), method("CancelMitigation"), method("DecideApproval"));

  private final BearerAuthenticator bearer;
  private final AuditLog audit;

  private final Tenancy tenancy;

  public GrpcAuth(BearerAuthenticator bearer, AuditLog audit, Tenancy tenancy) {
    this.bearer = bearer;
    this.audit = audit;
    this.tenancy = tenancy;
  }

  private static Map.Entry<String, String> read(String name) {
    return Map.entry(method(name), Scopes.STATE_READ);
  }

  static String method(String name) {
    return VigilServiceGrpc.SERVICE_NAME + "/" + name;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    String traceId = traceId(headers.get(TRACEPARENT));
    String scope = SCOPES.get(method);
    if (scope == null) {
      return refuse(call, Problems.forbidden("no rule allows " + method));
    }
    BearerAuthenticator.Verdict verdict = bearer.check(headers.get(AUTHORIZATION), scope);
    switch (verdict.outcome()) {
      case UNAUTHENTICATED -> {
        return refuse(call, Problems.unauthorized(verdict.detail()));
      }
      case FORBIDDEN -> {
        if (MUTATIONS.contains(method)) {
          audit.record(
              new AuditEntry(
                  verdict.subject(),
                  "authorization.denied",
                  "grpc:" + method,
                  "{\"requiredScope\": \"" + scope + "\"}",
                  "forbidden",
                  403,
                  traceId));
        }
        return refuse(call, Problems.forbidden(verdict.detail()));
      }
      default -> {
        Context context =
            Context.current()
                .withValue(
                    GrpcCaller.KEY,
                    new Caller(verdict.subject(), traceId, tenancy.visibility(verdict.claims())));
        return Contexts.interceptCall(context, call, headers, next);
      }
    }
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, dev.vigil.web.Problem problem) {
    io.grpc.StatusRuntimeException error = GrpcErrors.of(problem);
    call.close(
        error.getStatus(), error.getTrailers() == null ? new Metadata() : error.getTrailers());
    return new ServerCall.Listener<>() {};
  }

  private static @Nullable String traceId(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    Matcher m = TRACE.matcher(traceparent.trim());
    return m.matches() ? m.group(1) : null;
  }
}
