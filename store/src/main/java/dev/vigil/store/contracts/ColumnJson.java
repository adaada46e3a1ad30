package dev.vigil.store.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A small JSON text writer for the JSON columns a writer fills at every event: the same text
 * Jackson's databind writes (strings escaped as it escapes them, instants as ISO-8601 the way
 * {@link Instant#toString()} prints them, nulls left out by the caller), without a generator or
 * reflection per value. Writing a row's columns through databind was the largest share of a
 * partition owner's CPU once most events cost a row write; {@code StateColumnsTest} and ingest's
 * {@code SignalMarkTest} hold the two texts equal on random values.
 */
public final class ColumnJson {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out;
  private boolean first = true;

  /** A writer of its own text ({@link #toString()}). */
  public ColumnJson() {
    this(new StringBuilder(512));
  }

  /**
   * A writer that appends to {@code out}: a batch's whole column in one builder, no string per
   * value.
   */
  public ColumnJson(StringBuilder out) {
    this.out = out;
  }

  public ColumnJson beginObject() {
    separate();
    out.append('{');
    first = true;
    return this;
  }

  public ColumnJson endObject() {
    out.append('}');
    first = false;
    return this;
  }

  public ColumnJson beginArray() {
    separate();
    out.append('[');
    first = true;
    return this;
  }

  public ColumnJson endArray() {
    out.append(']');
    first = false;
    return this;
  }

  /** A field name; the value written next belongs to it. */
  public ColumnJson name(String name) {
    separate();
    string(name);
    out.append(':');
    first = true;
    return this;
  }

  /** A string value (or an array element), or null. */
  public ColumnJson value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  /**
   * The builder, for a value the caller writes as JSON itself (one that needs no escaping, written
   * without a string first); the next field or element is separated from it as usual.
   */
  public StringBuilder rawValue() {
    separate();
    return out;
  }

  /** A field with a string value, left out when null. */
  public ColumnJson field(String name, String value) {
    return value == null ? this : name(name).value(value);
  }

  public ColumnJson field(String name, int value) {
    name(name);
    separate();
    out.append(value);
    return this;
  }

  /** A field with an instant as ISO-8601 text, left out when null. */
  public ColumnJson field(String name, Instant value) {
    if (value == null) {
      return this;
    }
    name(name);
    separate();
    out.append('"');
    iso(out, value);
    out.append('"');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separate() {
    if (!first) {
      out.append(',');
    }
    first = false;
  }

  /** A JSON string as Jackson writes it by default: only '"', '\\' and control chars escaped. */
  private void string(String s) {
    out.append('"');
    int n = s.length();
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, from, i);
      from = i + 1;
      out.append('\\');
      switch (c) {
        case '"', '\\' -> out.append(c);
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\f' -> out.append('f');
        case '\n' -> out.append('n');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    out.append(s, from, n);
    out.append('"');
  }

  /**
   * Appends the instant as {@link Instant#toString()} prints it (ISO-8601 in UTC, a fraction of 3,
   * 6 or 9 digits only when there is one), without a formatter for the years 0 to 9999.
   */
  public static void iso(StringBuilder out, Instant instant) {
    long seconds = instant.getEpochSecond();
    long epochDay = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    if (epochDay < -719_528 || epochDay > 2_932_896) { // outside 0000-01-01 .. 9999-12-31
      out.append(instant);
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    pad(out, date.getYear(), 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    pad(out, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos > 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(out, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        pad(out, nanos / 1000, 6);
      } else {
        pad(out, nanos, 9);
      }
    }
    out.append('Z');
  }

  /** {@link Instant#toString()}'s text, the fast way. */
  public static String iso(Instant instant) {
    if (instant == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(30);
    iso(out, instant);
    return out.toString();
  }

  /** A non-negative value in at least {@code width} digits, zeros in front. */
  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int bound = POWERS[width - 1]; bound > 1 && value < bound; bound /= 10) {
      out.append('0');
    }
    return out.append(value);
  }

  private static final int[] POWERS = {
    1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };
}
