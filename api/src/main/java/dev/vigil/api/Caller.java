package dev.vigil.api;

import dev.vigil.api.tenancy.Visibility;
import io.micronaut.core.annotation.Nullable;

/**
 * Who asks, as services need it without transport types: the token's subject (the audit log's actor
 * and the signal's {@code by}), the request's trace id, and the part of the fleet the token sees
 * (built by {@code Tenancy} for HTTP, by {@code GrpcAuth} for gRPC).
 */
public record Caller(String actor, @Nullable String traceId, Visibility visibility) {}
