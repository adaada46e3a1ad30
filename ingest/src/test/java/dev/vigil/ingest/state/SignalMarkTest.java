package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.store.contracts.StateColumns;
import java.time.Instant;
import java.util.ArrayList;
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
        new SignalMark(SignalStatus.FIRING, T, List.of("0123456789abcdef", "fedcba9876543210")));
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
        List<String> recent = new ArrayList<>();
        for (int h = random.nextInt(SignalMark.RECENT + 1); h > 0; h--) {
          recent.add(SignalMark.hash("id-" + random.nextInt()));
        }
        marks.put(
            "Alert|R" + random.nextInt(1000),
            new SignalMark(
                random.nextBoolean() ? SignalStatus.FIRING : SignalStatus.RESOLVED,
                T.plusNanos(random.nextLong(1_000_000_000_000L)),
                recent));
      }
      assertThat(SignalMark.writeAll(marks)).isEqualTo(StateColumns.write(marks));
    }
  }

  @Test
  void hash_isSixteenLowerHexDigits_ofFnv1a64() {
    // FNV-1a 64 of "" is its offset basis; of "a" the published test vector
    assertThat(SignalMark.hash("")).isEqualTo("cbf29ce484222325");
    assertThat(SignalMark.hash("a")).isEqualTo("af63dc4c8601ec8c");
    assertThat(SignalMark.hash("foobar")).isEqualTo("85944171f73967e8");
  }
}
