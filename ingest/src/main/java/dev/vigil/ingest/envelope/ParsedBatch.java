package dev.vigil.ingest.envelope;

import java.util.List;

/**
 * What a receiver read from one request.
 *
 * @param drafts the events to normalize, in request order
 * @param ignored events the source sends that carry no signal (eventrouter's {@code DELETED})
 */
public record ParsedBatch(List<SignalDraft> drafts, int ignored) {
  public ParsedBatch {
    drafts = List.copyOf(drafts);
  }

  public static ParsedBatch of(List<SignalDraft> drafts) {
    return new ParsedBatch(drafts, 0);
  }
}
