package dev.vigil.ingest.state;

import dev.vigil.ingest.envelope.EnvelopeReader;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Outcome;
import dev.vigil.telemetry.TraceContexts;
import dev.vigil.telemetry.TraceExport;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The read stage of a polled batch: parse each record as an envelope (records a producer wrote
 * directly get the same normalization rules as the HTTP receivers), park the unparseable ones on
 * the DLQ (acknowledged before the batch's transaction, so a poison record is never lost), and hand
 * back the signals in Kafka order with the partition and offset each came from.
 *
 * <p>When spans are exported, each record gets a consumer span, a child of the trace its producer
 * put into the headers; the outbox rows a record causes carry that span's traceparent, so the
 * relay's Temporal call continues the same trace.
 */
@Singleton
public class SignalBatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(SignalBatchProcessor.class);

  private final Normalizer normalizer;
  private final DeadLetters deadLetters;
  private final IngestMetrics metrics;
  private final Tracer tracer;
  private final TraceContexts traceContexts;
  private final boolean spanPerRecord;

  public SignalBatchProcessor(
      Normalizer normalizer,
      DeadLetters deadLetters,
      IngestMetrics metrics,
      Tracer tracer,
      TraceContexts traceContexts,
      TraceExport export) {
    this.tracer = tracer;
    this.spanPerRecord = export.exporting();
    this.traceContexts = traceContexts;
    this.normalizer = normalizer;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  /** A signal and where in Kafka it came from. */
  public record Read(Signal signal, int partition, long offset) {}

  /** The usable signals of a batch, and the traceparent of each signal id's record. */
  public record ReadBatch(List<Read> signals, Map<String, String> traceparents) {}

  public ReadBatch read(List<IncomingRecord> records) {
    List<Read> signals = new ArrayList<>(records.size());
    List<DeadLetters.Failure> failures = new ArrayList<>();
    Map<String, Integer> filtered = new HashMap<>();
    Map<String, String> traceparents = new HashMap<>();
    for (IncomingRecord record : records) {
      // A span per record only when spans leave the process: nobody would see them otherwise,
      // and at tens of thousands of records a second they are a measurable share of the work.
      Span span = spanPerRecord ? recordSpan(record) : Span.getInvalid();
      try (MDC.MDCCloseable ignored = MDC.putCloseable("resourceId", key(record))) {
        Optional<Signal> signal = read(record, failures, filtered);
        if (signal.isPresent()) {
          signals.add(new Read(signal.get(), record.partition(), record.offset()));
          if (spanPerRecord) {
            String traceparent = traceContexts.traceparent(Context.root().with(span));
            if (traceparent != null) {
              traceparents.put(signal.get().id(), traceparent);
            }
          }
        }
      } finally {
        span.end();
      }
    }
    deadLetters.send(failures);
    metrics.events("unknown", Outcome.DLQ, failures.size());
    filtered.forEach((source, n) -> metrics.events(source, Outcome.FILTERED, n));
    return new ReadBatch(signals, traceparents);
  }

  private Span recordSpan(IncomingRecord record) {
    return tracer
        .spanBuilder(record.topic() + " process")
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(traceContexts.fromTraceparent(record.traceparent()))
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "process")
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
        .setAttribute("messaging.kafka.offset", record.offset())
        .startSpan();
  }

  private static String key(IncomingRecord record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  private Optional<Signal> read(
      IncomingRecord record, List<DeadLetters.Failure> failures, Map<String, Integer> filtered) {
    try {
      SignalDraft draft = EnvelopeReader.readRecord(record.value(), record.timestamp());
      Optional<Signal> signal = normalizer.normalize(draft);
      if (signal.isEmpty()) {
        filtered.merge(IngestMetrics.sourceLabel(draft.source()), 1, Integer::sum);
      }
      return signal;
    } catch (InvalidSignalException e) {
      LOG.warn(
          "parking {}-{}@{} on the DLQ: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      failures.add(new DeadLetters.Failure(record, e.getMessage(), e.field()));
      return Optional.empty();
    }
  }
}
