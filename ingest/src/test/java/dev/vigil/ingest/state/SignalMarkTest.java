package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.store.contracts.StateColumns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code signal_marks} writer gives exactly the text databind writes for the same
 * marks (what every earlier row holds), and it reads back to the same marks.
 */
class SignalMarkTest {
  private static final Instant T = Instant.parse("2026-12-03T08:01:02.123456789Z");

  @Test
  void marks_asDatabindWritesThem_andBack() {
    Map<String, SignalMark> marks = new LinkedHashMap<>();
    marks.put(
        "Alert|HighCPU",
        new SignalMark(
            SignalStatus.FIRING,
            T,
            RecentIds.fromHex(List.of("0123456789abcdef", "fedcba9876543210"))));
    marks.put("K8sEvent|BackOff", new SignalMark(SignalStatus.RESOLVED, T.plusSeconds(1)));
    marks.put("Alert|\"odd\" key ü", new SignalMark(null, null));

    String json = SignalMark.writeAll(marks);

    assertThat(json).isEqualTo(StateColumns.write(marks));
    assertThat(StateColumns.read(json, ResourceStateRepository.MARKS, Map.of())).isEqualTo(marks);
    assertThat(SignalMark.writeAll(Map.of())).isEqualTo("{}");
  }

  @Test
  void randomMarks_asDatabindWritesThem() {
    Random random = new Random(7);
    for (int n = 0; n < 500; n++) {
      Map<String, SignalMark> marks = new LinkedHashMap<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        long[] hashes = new long[random.nextInt(RecentIds.CAPACITY + 1)];
        for (int h = 0; h < hashes.length; h++) {
          hashes[h] = random.nextBoolean() ? random.nextLong() : SignalMark.hash("id-" + h);
        }
        marks.put(
            "Alert|R" + random.nextInt(1000),
            new SignalMark(
                random.nextBoolean() ? SignalStatus.FIRING : SignalStatus.RESOLVED,
                T.plusNanos(random.nextLong(1_000_000_000_000L)),
                RecentIds.of(hashes)));
      }
      String json = SignalMark.writeAll(marks);
      assertThat(json).isEqualTo(StateColumns.write(marks));
      assertThat(StateColumns.read(json, ResourceStateRepository.MARKS, Map.of())).isEqualTo(marks);
    }
  }

  @Test
  void hash_isFnv1a64_ofTheIdsUtf8Bytes_writtenAsSixteenLowerHexDigits() {
    // FNV-1a 64 of "" is its offset basis; of "a" and "foobar" the published test vectors
    assertThat(RecentIds.hex(SignalMark.hash(""))).isEqualTo("cbf29ce484222325");
    assertThat(RecentIds.hex(SignalMark.hash("a"))).isEqualTo("af63dc4c8601ec8c");
    assertThat(RecentIds.hex(SignalMark.hash("foobar"))).isEqualTo("85944171f73967e8");
    // beyond ASCII the bytes are UTF-8's: "é" is c3 a9, so it hashes as those two bytes
    long h = 0xcbf29ce484222325L;
    for (int b : new int[] {0xc3, 0xa9}) {
      h = (h ^ b) * 0x100000001b3L;
    }
    assertThat(SignalMark.hash("é")).isEqualTo(h);
    assertThat(SignalMark.hash("am-é-1")).isNotEqualTo(SignalMark.hash("am-e-1"));
  }

  @Test
  void aRowWrittenBeforeHashesWereNumbers_readsAndWritesBackTheSameText() {
    // signal_marks as ingest wrote it while it kept hashes as strings (a row of
    // StateColumnMigrationsIT)
    String stored =
        "{\"Alert|HighCPU\":{\"status\":\"firing\",\"observedAt\":\"2026-12-03T08:01:02Z\","
            + "\"recent\":[\"0123456789abcdef\",\"ffffffffffffffff\",\"8000000000000000\"]}}";

    Map<String, SignalMark> marks =
        StateColumns.read(stored, ResourceStateRepository.MARKS, Map.of());

    SignalMark mark = marks.get("Alert|HighCPU");
    assertThat(mark.saw(0x0123456789abcdefL)).isTrue();
    assertThat(mark.saw(-1L)).isTrue();
    assertThat(mark.saw(Long.MIN_VALUE)).isTrue();
    assertThat(mark.saw(0L)).isFalse();
    assertThat(SignalMark.writeAll(marks)).isEqualTo(stored);
  }
}
