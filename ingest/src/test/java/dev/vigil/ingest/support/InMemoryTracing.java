package dev.vigil.ingest.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/**
 * Test-side: an in-memory span exporter beside the service's configured one (none locally), for
 * tests that set {@code test.tracing.in-memory=true} and assert on the finished spans.
 */
@Factory
@Requires(property = "test.tracing.in-memory", value = "true")
public class InMemoryTracing {
  @Singleton
  InMemorySpanExporter inMemorySpanExporter() {
    return InMemorySpanExporter.create();
  }
}
