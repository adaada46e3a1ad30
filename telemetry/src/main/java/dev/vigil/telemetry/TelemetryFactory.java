package dev.vigil.telemetry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The service's OpenTelemetry SDK, its {@link Tracer}, and Temporal's OpenTracing interceptors over
 * it (through the OpenTelemetry shim), so the trace context travels in Temporal's headers from the
 * outbox relay's client to the worker's workflow and activities. Tests add an in-memory exporter by
 * defining a {@link SpanExporter} bean.
 */
@Factory
public class TelemetryFactory {
  /** Instrumentation scope of Vigil's own spans. */
  public static final String SCOPE = "dev.vigil";

  @Singleton
  @Bean(preDestroy = "close")
  OpenTelemetrySdk openTelemetrySdk(
      @Value("${micronaut.application.name:vigil}") String serviceName,
      List<SpanExporter> extraExporters) {
    return Telemetry.build(serviceName, System.getenv(), extraExporters);
  }

  /** Whether any span leaves the process (an OTLP endpoint, or a test's exporter). */
  @Singleton
  TraceExport traceExport(List<SpanExporter> extraExporters) {
    return new TraceExport(Telemetry.otlp(System.getenv()) || !extraExporters.isEmpty());
  }

  @Singleton
  Tracer tracer(OpenTelemetrySdk openTelemetry) {
    return openTelemetry.getTracer(SCOPE, Telemetry.version());
  }

  @Singleton
  TraceContexts traceContexts(OpenTelemetrySdk openTelemetry) {
    return new TraceContexts(openTelemetry.getPropagators());
  }

  @Singleton
  OpenTracingOptions openTracingOptions(OpenTelemetrySdk openTelemetry) {
    return temporalTracingOptions(openTelemetry);
  }

  /** Adds the tracing headers to every call of the service's WorkflowClient (the relay's). */
  @Singleton
  WorkflowClientInterceptor tracingClientInterceptor(OpenTracingOptions options) {
    return new OpenTracingClientInterceptor(options);
  }

  /** Spans for the workflow and each activity; the worker puts it into its factory options. */
  @Singleton
  WorkerInterceptor tracingWorkerInterceptor(OpenTracingOptions options) {
    return new OpenTracingWorkerInterceptor(options);
  }

  /** resourceId and incidentId in the logging MDC while an activity runs. */
  @Singleton
  WorkerInterceptor activityMdcInterceptor() {
    return new ActivityMdcInterceptor();
  }

  /** Temporal's OpenTracing options over an OpenTelemetry SDK, for code outside the context. */
  public static OpenTracingOptions temporalTracingOptions(OpenTelemetry openTelemetry) {
    return OpenTracingOptions.newBuilder()
        .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
        .build();
  }
}
