package dev.vigil.worker.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/** Test-side: an in-memory span exporter beside the (absent) configured one. */
@Factory
@Requires(property = "test.tracing.in-memory", value = "true")
public class InMemoryTracing {
  @Singleton
  InMemorySpanExporter inMemorySpanExporter() {
    return InMemorySpanExporter.create();
  }
}
