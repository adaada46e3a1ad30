package dev.vigil.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in and out of the places a trace
 * crosses a process: Kafka record headers and the outbox row's {@code traceparent} column.
 */
public final class TraceContexts {
  public static final String TRACEPARENT = "traceparent";

  private static final TextMapSetter<Headers> KAFKA_SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private static final TextMapGetter<Headers> KAFKA_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
          if (headers == null) {
            return null;
          }
          Header header = headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final ContextPropagators propagators;

  public TraceContexts(ContextPropagators propagators) {
    this.propagators = propagators;
  }

  /** Writes the current context into a Kafka record's headers. */
  public void inject(Headers headers) {
    propagators.getTextMapPropagator().inject(Context.current(), headers, KAFKA_SETTER);
  }

  /** The context a Kafka record carries (the root context when it carries none). */
  public Context extract(Headers headers) {
    return propagators.getTextMapPropagator().extract(Context.root(), headers, KAFKA_GETTER);
  }

  /** The {@code traceparent} of a context, or null when it has no valid span. */
  public String traceparent(Context context) {
    Map<String, String> carrier = new HashMap<>();
    propagators.getTextMapPropagator().inject(context, carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /** The context a stored {@code traceparent} names (the root context for null or garbage). */
  public Context fromTraceparent(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return propagators
        .getTextMapPropagator()
        .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
  }

  /** Header keys this propagator writes, so a test can check a record carries them. */
  public List<String> fields() {
    return List.copyOf(propagators.getTextMapPropagator().fields());
  }
}
