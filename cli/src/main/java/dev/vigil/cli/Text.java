package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How values read in the tables: ages, times, percentages, JSON fields that may be null. */
final class Text {
  private Text() {}

  /** The field as text, or null when it is missing or JSON null. */
  static String str(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  static Instant instant(JsonNode node, String field) {
    String s = str(node, field);
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code 45s}, {@code 12m}, {@code 3h}, {@code 2d}; "-" for null. */
  static String age(Instant t, Instant now) {
    if (t == null) {
      return "-";
    }
    long s = Math.max(0, Duration.between(t, now).toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 120 * 60) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  /** {@code 2026-01-08T10:00:00Z (3m ago)}; "-" for null. */
  static String timeAndAge(Instant t, Instant now) {
    return t == null ? "-" : t + " (" + age(t, now) + " ago)";
  }

  /** 98.0 as {@code 98%}, 0.5 as {@code 0.5%}. */
  static String percent(double p) {
    return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "%";
  }

  /** {@code AWAITING_APPROVAL} as {@code Awaiting approval}. */
  static String title(String constant) {
    String s = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT1H30M}). */
  static Duration duration(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a duration: use e.g. 90s, 15m, 1h, 7d or PT1H30M");
    }
  }
}
