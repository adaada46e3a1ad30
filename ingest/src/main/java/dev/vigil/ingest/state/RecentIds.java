package dev.vigil.ingest.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The short hashes ({@link SignalMark#hash}) of the last {@value #CAPACITY} event ids a signal saw,
 * oldest first. In memory a {@code long} each; in the {@code signal_marks} column a list of 16
 * lower-case hex digits each, as every earlier row holds them.
 *
 * <p>A paced event moves its signal's mark, so every row write wrote all of them: as strings run
 * through the JSON escape scan that was three quarters of the marks' cost and an eighth of a
 * partition owner's CPU at 55,000 events/s, and {@link #contains} compared strings. Now a hash is
 * written digit by digit and compared as a number.
 */
public final class RecentIds {
  /** How many event ids a signal remembers: HA duplicates and resends arrive close together. */
  static final int CAPACITY = 8;

  static final RecentIds NONE = new RecentIds(new long[0]);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long[] hashes;

  private RecentIds(long[] hashes) {
    this.hashes = hashes;
  }

  /** The given hashes, oldest first; only the newest {@value #CAPACITY} are kept. */
  static RecentIds of(long... hashes) {
    int from = Math.max(0, hashes.length - CAPACITY);
    return hashes.length == 0
        ? NONE
        : new RecentIds(Arrays.copyOfRange(hashes, from, hashes.length));
  }

  /**
   * As the column holds them. A value that is not 16 hex digits (no writer stored one) is left out:
   * it could only ever fail to match, and a row must stay readable.
   */
  @JsonCreator
  static RecentIds fromHex(List<String> hex) {
    if (hex == null || hex.isEmpty()) {
      return NONE;
    }
    long[] parsed = new long[hex.size()];
    int n = 0;
    for (String h : hex) {
      if (h == null || h.length() != 16) {
        continue;
      }
      try {
        parsed[n] = HexFormat.fromHexDigitsToLong(h); // hex digits only: no sign, no prefix
        n++;
      } catch (IllegalArgumentException notHex) {
        // left out
      }
    }
    return of(Arrays.copyOf(parsed, n));
  }

  /** The hashes as the column holds them, oldest first. */
  @JsonValue
  List<String> hex() {
    String[] out = new String[hashes.length];
    for (int i = 0; i < hashes.length; i++) {
      out[i] = hex(hashes[i]);
    }
    return List.of(out);
  }

  /** A hash as 16 lower-case hex digits. */
  static String hex(long hash) {
    return appendHex(new StringBuilder(16), hash).toString();
  }

  boolean contains(long hash) {
    for (long h : hashes) {
      if (h == hash) {
        return true;
      }
    }
    return false;
  }

  /** These ids and one more, the oldest dropped beyond {@value #CAPACITY}. */
  RecentIds plus(long hash) {
    int keep = Math.min(hashes.length, CAPACITY - 1);
    long[] next = new long[keep + 1];
    System.arraycopy(hashes, hashes.length - keep, next, 0, keep);
    next[keep] = hash;
    return new RecentIds(next);
  }

  int size() {
    return hashes.length;
  }

  boolean isEmpty() {
    return hashes.length == 0;
  }

  /** Appends the JSON array {@link #hex()} is, without a string per hash or an escape scan. */
  void writeJson(StringBuilder out) {
    out.ensureCapacity(out.length() + 2 + hashes.length * 19);
    out.append('[');
    for (int i = 0; i < hashes.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendHex(out.append('"'), hashes[i]).append('"');
    }
    out.append(']');
  }

  private static StringBuilder appendHex(StringBuilder out, long hash) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (hash >>> shift) & 0xf]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecentIds other && Arrays.equals(hashes, other.hashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return hex().toString();
  }
}
