package dev.vigil.ingest.outbox;

import dev.vigil.store.contracts.Outbox;
import dev.vigil.telemetry.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The relay's span around one row's delivery, continuing the trace stored with the row, current
 * while the destination runs (so Temporal's client interceptor carries it into the workflow's
 * headers) and with the row's resource or incident in the logging MDC.
 */
@Singleton
public class OutboxTracing {
  private final Tracer tracer;
  private final TraceContexts traceContexts;

  public OutboxTracing(Tracer tracer, TraceContexts traceContexts) {
    this.tracer = tracer;
    this.traceContexts = traceContexts;
  }

  public <T> T deliver(OutboxRow row, Supplier<T> delivery) {
    Span span =
        tracer
            .spanBuilder("outbox deliver " + row.kind())
            .setSpanKind(SpanKind.PRODUCER)
            .setParent(traceContexts.fromTraceparent(row.traceparent()))
            .setAttribute("vigil.outbox.kind", row.kind())
            .setAttribute("vigil.outbox.attempt", row.attempts() + 1L)
            .startSpan();
    String mdcKey = Outbox.INCIDENT.equals(row.kind()) ? "incidentId" : "resourceId";
    try (Scope ignored = span.makeCurrent();
        MDC.MDCCloseable mdc = MDC.putCloseable(mdcKey, row.aggregateId())) {
      return delivery.get();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }
}
