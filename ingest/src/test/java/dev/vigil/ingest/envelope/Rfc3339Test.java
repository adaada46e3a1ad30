package dev.vigil.ingest.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  /** What the formatter makes of the text (JsonInput's path before the fast one), or null. */
  private static Instant reference(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  @Test
  void randomTimestamps_readAsTheFormatterReadsThem() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      OffsetDateTime time =
          Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L))
              .atOffset(ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60))
              .withNano(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      String text = time.toString();
      if (random.nextBoolean() && time.getOffset().equals(ZoneOffset.UTC)) {
        text = time.toInstant().toString();
      }
      if (time.getSecond() == 0 && time.getNano() == 0) {
        continue; // toString drops zero seconds: not the common shape, and not what's tested here
      }
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(reference(text));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-03T16:17:01Z",
        "2026-12-03T16:17:01.5Z",
        "2026-12-03T16:17:01.123456789Z",
        "2026-12-03T16:17:01.000000001+05:30",
        "2026-12-03T00:00:00-18:00",
        "2026-12-03T23:59:59+18:00",
        "2024-02-29T12:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999-00:00"
      })
  void commonShapes_areRead_andEqualTheFormatter(String text) {
    assertThat(Rfc3339.parse(text)).isNotNull().isEqualTo(reference(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-03T16:17Z", // no seconds: the formatter's business
        "2026-12-03t16:17:01Z",
        "2026-12-03T16:17:01z",
        "2026-12-03T16:17:01",
        "2026-12-03 16:17:01Z",
        "2026-12-03T16:17:01.Z",
        "2026-12-03T16:17:01.1234567890Z",
        "2026-12-03T16:17:01+05",
        "2026-12-03T16:17:01+0530",
        "2026-12-03T16:17:01+19:00",
        "2026-12-03T16:17:01+18:01",
        "2026-12-03T24:00:00Z",
        "2026-12-03T23:59:60Z",
        "2026-13-03T16:17:01Z",
        "2023-02-29T16:17:01Z",
        "2026-12-3T16:17:01Z",
        "+2026-12-03T16:17:01Z",
        "2026-12-03T16:17:01+05:30:15",
        "yesterday at noon, roughly"
      })
  void otherShapes_areLeftToTheFormatter(String text) {
    assertThat(Rfc3339.parse(text)).isNull();
  }

  @Test
  void jsonInput_stillRejectsWhatTheFormatterRejects_andReadsWhatItAccepts() {
    var node =
        JsonInput.parse("{\"a\":\"2026-12-03T16:17Z\",\"b\":\"2026-02-30T00:00:00Z\"}".getBytes());
    assertThat(JsonInput.instant(node, "a", "")).isEqualTo(Instant.parse("2026-12-03T16:17:00Z"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonInput.instant(node, "b", ""))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessageContaining("RFC 3339");
  }
}
