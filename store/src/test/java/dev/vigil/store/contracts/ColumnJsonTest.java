package dev.vigil.store.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnJsonTest {
  @Test
  void instants_printAsInstantToString() {
    Random random = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      long seconds = random.nextLong(-62_200_000_000L, 253_500_000_000L); // years -1 .. 10002
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(ColumnJson.iso(instant)).isEqualTo(instant.toString());
    }
    for (String edge :
        new String[] {
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.000000001Z",
          "2026-12-03T16:17:01.010Z",
          "2026-12-03T16:17:01.000100Z",
          "+10000-01-01T00:00:00Z",
          "-0001-12-31T23:59:59Z"
        }) {
      Instant instant = Instant.parse(edge);
      assertThat(ColumnJson.iso(instant)).isEqualTo(instant.toString()).isEqualTo(edge);
    }
    assertThat(ColumnJson.iso(null)).isNull();
  }

  @Test
  void strings_areEscapedAsDatabindEscapesThem() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x100; c++) {
      every.append(c);
    }
    Random random = new Random(5);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("every char below 256", every.toString());
    values.put("surrogates \uD83D\uDE00 and unpaired \uD800", "\u2028\u2029 / é ✓");
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        s.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800)));
      }
      values.put("k" + i + s, s.toString());
    }
    assertThat(StateColumns.writeLabels(values)).isEqualTo(StateColumns.write(values));
  }

  @Test
  void nesting_separatesSiblings_andLeavesNullFieldsOut() {
    String json =
        new ColumnJson()
            .beginObject()
            .field("a", 1)
            .field("absent", (String) null)
            .field("when", (Instant) null)
            .name("list")
            .beginArray()
            .value("x")
            .value(null)
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .endArray()
            .field("b", "y")
            .endObject()
            .toString();

    assertThat(json).isEqualTo("{\"a\":1,\"list\":[\"x\",null,{},[]],\"b\":\"y\"}");
  }
}
