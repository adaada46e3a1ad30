package dev.vigil.ingest.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.envelope.EnvelopeReader;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.JsonInput;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.metrics.IngestMetrics;
import dev.vigil.ingest.metrics.IngestMetrics.Outcome;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the signal consumer does with a polled batch: parse each record as an envelope (records a
 * producer wrote directly get the same normalization rules as the HTTP receivers), park the
 * unparseable ones on the DLQ, and apply the rest to the state store. Returns once both are
 * durable, so the caller may commit the offsets.
 */
@Singleton
public class SignalBatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(SignalBatchProcessor.class);

  private final Normalizer normalizer;
  private final DeadLetters deadLetters;
  private final ResourceStateService states;
  private final IngestMetrics metrics;

  public SignalBatchProcessor(
      Normalizer normalizer,
      DeadLetters deadLetters,
      ResourceStateService states,
      IngestMetrics metrics) {
    this.normalizer = normalizer;
    this.deadLetters = deadLetters;
    this.states = states;
    this.metrics = metrics;
  }

  public ResourceStateService.BatchResult process(List<IncomingRecord> records) {
    List<Signal> signals = new ArrayList<>(records.size());
    List<DeadLetters.Failure> failures = new ArrayList<>();
    Map<String, Integer> filtered = new HashMap<>();
    for (IncomingRecord record : records) {
      try {
        JsonNode node = JsonInput.parse(record.value());
        SignalDraft draft = EnvelopeReader.read(node, "", null, record.timestamp());
        Optional<Signal> signal = normalizer.normalize(draft);
        if (signal.isPresent()) {
          signals.add(signal.get());
        } else {
          filtered.merge(IngestMetrics.sourceLabel(draft.source()), 1, Integer::sum);
        }
      } catch (InvalidSignalException e) {
        LOG.warn(
            "parking {}-{}@{} on the DLQ: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
        failures.add(new DeadLetters.Failure(record, e.getMessage(), e.field()));
      }
    }
    deadLetters.send(failures);
    ResourceStateService.BatchResult result = states.apply(signals);
    metrics.events("unknown", Outcome.DLQ, failures.size());
    filtered.forEach((source, n) -> metrics.events(source, Outcome.FILTERED, n));
    return result;
  }
}
