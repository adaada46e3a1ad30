package dev.vigil.ingest.signals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.envelope.EnvelopeReader;
import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.JsonInput;
import dev.vigil.ingest.envelope.ParsedBatch;
import dev.vigil.ingest.envelope.SignalDraft;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code POST /v1/ingest/signals}: an array of envelopes (or JSON lines of them), one
 * CloudEvent ({@code application/cloudevents+json}) or a batch of them ({@code
 * application/cloudevents-batch+json}). In a plain JSON array, elements with {@code specversion}
 * are read as CloudEvents.
 */
@Singleton
public class SignalsBody {
  private final Clock clock;

  public SignalsBody() {
    this(Clock.systemUTC());
  }

  /**
   * A reader whose receive time is {@code clock}'s: an envelope or CloudEvent without a time is
   * observed then. A replay of a recorded stream passes the recorded receive times.
   */
  public static SignalsBody withClock(Clock clock) {
    return new SignalsBody(clock);
  }

  SignalsBody(Clock clock) {
    this.clock = clock;
  }

  public ParsedBatch parse(byte[] body, String contentType) {
    Instant now = clock.instant();
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith(CloudEvents.BATCH)) {
      JsonNode root = JsonInput.parse(body);
      JsonInput.requireArray(root, "");
      List<SignalDraft> drafts = new ArrayList<>(root.size());
      for (int i = 0; i < root.size(); i++) {
        drafts.add(CloudEvents.read(root.get(i), "[" + i + "]", now));
      }
      return ParsedBatch.of(drafts);
    }
    if (type.startsWith(CloudEvents.STRUCTURED)) {
      JsonNode root = JsonInput.parse(body);
      if (root.isArray()) {
        throw new InvalidSignalException(
            null,
            "an array needs content type " + CloudEvents.BATCH + "; " + type + " is one event");
      }
      return ParsedBatch.of(List.of(CloudEvents.read(root, "", now)));
    }
    List<SignalDraft> drafts = new ArrayList<>();
    for (JsonInput.Located item : JsonInput.values(body)) {
      drafts.add(
          CloudEvents.looksLikeCloudEvent(item.node())
              ? CloudEvents.read(item.node(), item.path(), now)
              : EnvelopeReader.read(item.node(), item.path(), null, now));
    }
    return ParsedBatch.of(drafts);
  }
}
