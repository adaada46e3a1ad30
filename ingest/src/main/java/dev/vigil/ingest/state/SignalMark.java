package dev.vigil.ingest.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.store.contracts.ColumnJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Ingest's bookkeeping per signal ({@code resource_state.signal_marks["code|reason"]}): status and
 * {@code observedAt} of the newest event applied, and short hashes of the last {@value
 * RecentIds#CAPACITY} event ids seen for the signal.
 *
 * <ul>
 *   <li>An event older than its mark cannot change the signal's status, so a late firing never
 *       revives a resolved signal. At equal times a resolution wins, so the outcome does not depend
 *       on arrival order.
 *   <li>An event whose id is among the recent ones is a duplicate from the source (the two members
 *       of an Alertmanager HA pair, a resend, a retried post) and changes nothing, its count
 *       included. Kafka redeliveries never get this far: the partition's stored offset already
 *       skips them.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SignalMark(SignalStatus status, Instant observedAt, RecentIds recent) {
  public SignalMark {
    recent = recent == null ? RecentIds.NONE : recent;
  }

  public SignalMark(SignalStatus status, Instant observedAt) {
    this(status, observedAt, RecentIds.NONE);
  }

  /** Whether an event with this status and time is newer than the mark. */
  public boolean isOlderThan(SignalStatus otherStatus, Instant otherObservedAt) {
    int byTime = otherObservedAt.compareTo(observedAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    return status == SignalStatus.FIRING && otherStatus == SignalStatus.RESOLVED;
  }

  /** Whether the event with this id hash was already applied to the signal. */
  public boolean saw(long idHash) {
    return recent.contains(idHash);
  }

  /** The mark moved to a newer event, remembering its id. */
  SignalMark movedTo(SignalStatus newStatus, Instant newObservedAt, long idHash) {
    return new SignalMark(newStatus, newObservedAt, recent.plus(idHash));
  }

  /** The same mark, also remembering an older event's id. */
  SignalMark remembering(long idHash) {
    return new SignalMark(status, observedAt, recent.plus(idHash));
  }

  /** A new signal's first mark. */
  static SignalMark first(SignalStatus status, Instant observedAt, long idHash) {
    return new SignalMark(status, observedAt, RecentIds.of(idHash));
  }

  /**
   * A 64-bit FNV-1a hash of an event id's UTF-8 bytes (16 hex digits in the column, {@link
   * RecentIds}): short enough to keep several per signal in the row, with a collision chance among
   * a signal's last few events of about 2^-60.
   */
  public static long hash(String eventId) {
    long h = FNV_OFFSET_BASIS;
    int n = eventId.length();
    for (int i = 0; i < n; i++) {
      char c = eventId.charAt(i);
      if (c >= 0x80) {
        return hashBytes(eventId.getBytes(StandardCharsets.UTF_8));
      }
      h ^= c; // an ASCII char is its own UTF-8 byte
      h *= FNV_PRIME;
    }
    return h;
  }

  private static long hashBytes(byte[] bytes) {
    long h = FNV_OFFSET_BASIS;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /**
   * The {@code signal_marks} column written by hand ({@link ColumnJson}): the text databind gives
   * (empties left out), without its reflection ({@code SignalMarkTest} holds the two equal).
   */
  static String writeAll(Map<String, SignalMark> marks) {
    StringBuilder out = new StringBuilder(256);
    writeAll(marks, out);
    return out.toString();
  }

  /** {@link #writeAll(Map)}'s text, appended to {@code out}. */
  static void writeAll(Map<String, SignalMark> marks, StringBuilder out) {
    ColumnJson json = new ColumnJson(out).beginObject();
    marks.forEach(
        (key, m) -> {
          json.name(key)
              .beginObject()
              .field("status", m.status() == null ? null : m.status().wire())
              .field("observedAt", m.observedAt());
          if (!m.recent().isEmpty()) {
            m.recent().writeJson(json.name("recent").rawValue());
          }
          json.endObject();
        });
    json.endObject();
  }
}
