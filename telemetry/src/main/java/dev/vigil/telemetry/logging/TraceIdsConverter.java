package dev.vigil.telemetry.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** {@code %traceIds}: {@code trace=<id> span=<id>} of the current span, empty without one. */
public class TraceIdsConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? "trace=" + span.getTraceId() + " span=" + span.getSpanId() : "";
  }
}
