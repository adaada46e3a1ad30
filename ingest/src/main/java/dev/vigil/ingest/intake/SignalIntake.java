package dev.vigil.ingest.intake;

import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.envelope.ParsedBatch;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Outcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every receiver does with a request body: check its size, read it with the source's parser,
 * normalize, drop noise, produce the rest to Kafka and count each outcome. A request is all or
 * nothing: one bad event rejects it (400) before anything is produced.
 */
@Singleton
public class SignalIntake {
  private final Normalizer normalizer;
  private final SignalPublisher publisher;
  private final IngestMetrics metrics;
  private final int maxBodySize;
  private final Tracer tracer;

  public SignalIntake(
      Normalizer normalizer,
      SignalPublisher publisher,
      IngestMetrics metrics,
      IngestConfig config,
      Tracer tracer) {
    this.tracer = tracer;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.maxBodySize = config.maxBodySize();
  }

  /**
   * @param source the receiver, a bounded metrics label ({@code alertmanager}, {@code eventrouter},
   *     {@code signals})
   */
  public IntakeReceipt accept(String source, byte[] body, Function<byte[], ParsedBatch> parser) {
    return accept(source, null, body, parser);
  }

  /**
   * As {@link #accept(String, byte[], Function)}, refusing (415) a body whose {@code Content-Type}
   * says it is not JSON ({@link JsonMediaTypes}).
   */
  public IntakeReceipt accept(
      String source, String contentType, byte[] body, Function<byte[], ParsedBatch> parser) {
    // The receiver's server span: the trace starts here and travels on in the Kafka headers.
    Span span =
        tracer
            .spanBuilder("POST /v1/ingest " + source)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "POST")
            .setAttribute("vigil.source", source)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      if (!JsonMediaTypes.readable(contentType)) {
        metrics.events(source, Outcome.REJECTED, 1);
        throw new UnsupportedMediaTypeException(
            "Content-Type "
                + contentType
                + " is not JSON; send application/json (or application/*+json,"
                + " application/x-ndjson)");
      }
      IntakeReceipt receipt = acceptInSpan(source, body, parser);
      span.setAttribute("vigil.signals.accepted", receipt.accepted());
      return receipt;
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  private IntakeReceipt acceptInSpan(
      String source, byte[] body, Function<byte[], ParsedBatch> parser) {
    if (body != null && body.length > maxBodySize) {
      metrics.events(source, Outcome.REJECTED, 1);
      throw new PayloadTooLargeException(
          "the request body has "
              + body.length
              + " bytes; the limit (vigil.ingest.max-body-size) is "
              + maxBodySize);
    }
    ParsedBatch batch;
    List<Signal> signals = new ArrayList<>();
    int filtered;
    try {
      batch = parser.apply(body);
      filtered = batch.ignored();
      for (SignalDraft draft : batch.drafts()) {
        Optional<Signal> signal = normalizer.normalize(draft);
        if (signal.isPresent()) {
          signals.add(signal.get());
        } else {
          filtered++;
        }
      }
    } catch (InvalidSignalException e) {
      metrics.events(source, Outcome.REJECTED, 1);
      throw e;
    }
    publisher.publish(signals);
    metrics.events(source, Outcome.ACCEPTED, signals.size());
    metrics.events(source, Outcome.FILTERED, filtered);
    return new IntakeReceipt(signals.size(), filtered);
  }
}
