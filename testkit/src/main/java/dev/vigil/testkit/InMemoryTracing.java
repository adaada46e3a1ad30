package dev.vigil.testkit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/**
 * An in-memory span exporter beside the service's configured one (none locally), for service tests
 * that set {@code test.tracing.in-memory=true} and assert on the finished spans (inject {@link
 * InMemorySpanExporter} or get it from the context). Off unless that property is set, so every
 * other context that has testkit on its classpath is unchanged.
 */
@Factory
@Requires(property = InMemoryTracing.ENABLED, value = "true")
public class InMemoryTracing {
  /** The property that turns the exporter on. */
  public static final String ENABLED = "test.tracing.in-memory";

  @Singleton
  InMemorySpanExporter inMemorySpanExporter() {
    return InMemorySpanExporter.create();
  }
}
