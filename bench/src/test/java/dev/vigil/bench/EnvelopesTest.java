package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopesTest {
  @Test
  void heartbeatsFromTemplates_areTheBytesOfTheEnvelopeBuiltFromStrings() {
    Envelopes.Heartbeats heartbeats = new Envelopes.Heartbeats("run7-lat-", 12_000);
    long[] numbers = {0, 7, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE};
    long[] times = {0, 1_796_377_496_331L, 1_796_377_496_000L, 1_796_377_496_332L};
    for (long n : numbers) {
      for (int resource : new int[] {0, 9, 10, 11_999}) {
        for (long millis : times) {
          byte[] expected =
              Envelopes.heartbeat("run7-lat-" + n, resource, Instant.ofEpochMilli(millis));
          assertThat(new String(heartbeats.value(n, resource, millis), StandardCharsets.UTF_8))
              .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(heartbeats.key(11_999))
        .isEqualTo(Envelopes.resourceId(11_999).getBytes(StandardCharsets.UTF_8));
  }
}
