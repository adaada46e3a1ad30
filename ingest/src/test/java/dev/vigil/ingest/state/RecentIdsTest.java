package dev.vigil.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A signal's recent event-id hashes: the newest eight kept, oldest first, hex in the column. */
class RecentIdsTest {

  @Test
  void plus_keepsTheNewestEight_oldestFirst() {
    RecentIds ids = RecentIds.NONE;
    for (long h = 1; h <= 10; h++) {
      ids = ids.plus(h);
    }

    assertThat(ids.size()).isEqualTo(RecentIds.CAPACITY);
    assertThat(ids.contains(1)).isFalse();
    assertThat(ids.contains(2)).isFalse();
    assertThat(ids.contains(3)).isTrue();
    assertThat(ids.contains(10)).isTrue();
    assertThat(ids).isEqualTo(RecentIds.of(3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(RecentIds.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).isEqualTo(ids);
  }

  @Test
  void plus_leavesTheOriginalAsItWas() {
    RecentIds one = RecentIds.of(7);

    RecentIds two = one.plus(8);

    assertThat(one).isEqualTo(RecentIds.of(7));
    assertThat(two).isEqualTo(RecentIds.of(7, 8));
  }

  @Test
  void writeJson_isTheHexListInOrder() {
    StringBuilder out = new StringBuilder("x");

    RecentIds.of(0L, -1L, 0x00ab_cdefL).writeJson(out);
    RecentIds.NONE.writeJson(out);

    assertThat(out.toString())
        .isEqualTo("x[\"0000000000000000\",\"ffffffffffffffff\",\"0000000000abcdef\"][]");
    assertThat(RecentIds.of(0L, -1L, 0x00ab_cdefL).hex())
        .containsExactly("0000000000000000", "ffffffffffffffff", "0000000000abcdef");
  }

  @Test
  void fromHex_readsWhatWasWritten_andLeavesOutWhatNoWriterWrites() {
    long[] hashes = {Long.MIN_VALUE, 42, SignalMark.hash("am-1")};
    RecentIds ids = RecentIds.of(hashes);

    assertThat(RecentIds.fromHex(ids.hex())).isEqualTo(ids);
    assertThat(
            RecentIds.fromHex(
                Arrays.asList(
                    "000000000000002a", "xyz", null, "not-hex-16-chars", "+00000000000002b")))
        .isEqualTo(RecentIds.of(42));
    assertThat(RecentIds.fromHex(List.of())).isSameAs(RecentIds.NONE);
    assertThat(RecentIds.fromHex(null)).isSameAs(RecentIds.NONE);
  }
}
