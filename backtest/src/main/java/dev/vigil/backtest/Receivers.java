package dev.vigil.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.alertmanager.AlertmanagerWebhook;
import dev.vigil.ingest.envelope.Normalizer;
import dev.vigil.ingest.envelope.ParsedBatch;
import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.eventrouter.EventrouterEvents;
import dev.vigil.ingest.signals.SignalsBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ingest's three receivers and its normalization rules, as the HTTP endpoints use them: a recorded
 * body becomes the signals Vigil would have put on {@code vigil.signals}, with the recorded receive
 * time wherever a receiver needs "now".
 */
final class Receivers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReceiveClock clock = new ReceiveClock();
  private final Normalizer normalizer;
  private final AlertmanagerWebhook alertmanager;
  private final EventrouterEvents eventrouter;
  private final SignalsBody signals;

  Receivers(Normalizer normalizer) {
    this.normalizer = normalizer;
    this.alertmanager = AlertmanagerWebhook.withClock(normalizer, clock);
    this.eventrouter = EventrouterEvents.withClock(normalizer, clock);
    this.signals = SignalsBody.withClock(clock);
  }

  /**
   * What the line's receiver makes of its body.
   *
   * @throws dev.vigil.ingest.envelope.InvalidSignalException where the receiver would answer 400
   */
  Received read(RecordedLine line, String contentType) {
    clock.set(line.at());
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(line.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot re-encode the body of line " + line.number(), e);
    }
    ParsedBatch batch =
        switch (line.source()) {
          case ALERTMANAGER -> alertmanager.parse(body);
          case EVENTROUTER -> eventrouter.parse(body);
          case SIGNALS -> signals.parse(body, contentType);
        };
    List<Signal> normalized = new ArrayList<>(batch.drafts().size());
    int filtered = 0;
    for (SignalDraft draft : batch.drafts()) {
      Optional<Signal> signal = normalizer.normalize(draft);
      if (signal.isPresent()) {
        normalized.add(signal.get());
      } else {
        filtered++;
      }
    }
    return new Received(line.number(), line.at(), normalized, filtered, batch.ignored());
  }
}
