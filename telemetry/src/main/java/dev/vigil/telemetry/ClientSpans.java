package dev.vigil.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * A client span around a call to something outside the process (the Docker daemon, the Kubernetes
 * API), a child of the current span (the activity's). Attributes stay bounded: the system, the
 * action name and the step; never a token, a URL with credentials or a resource's secrets.
 */
public final class ClientSpans {
  private ClientSpans() {}

  /**
   * @param system {@code docker} or {@code kubernetes}
   * @param action the action ({@code docker.scale}, {@code k8s.deletePod}, ...)
   * @param step {@code plan} or {@code perform}
   */
  public static <T> T call(
      Tracer tracer, String system, String action, String step, Supplier<T> call) {
    Span span =
        tracer
            .spanBuilder(system + " " + action + " " + step)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("vigil.action.system", system)
            .setAttribute("vigil.action", action)
            .setAttribute("vigil.action.step", step)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return call.get();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  /** The tracer of code built without one (unit tests): spans go nowhere. */
  public static Tracer noopTracer() {
    return io.opentelemetry.api.OpenTelemetry.noop().getTracer(TelemetryFactory.SCOPE);
  }
}
