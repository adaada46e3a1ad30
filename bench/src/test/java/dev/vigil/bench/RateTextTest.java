package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateTextTest {
  @Test
  void aRateOverAnInterval_isPrinted_oneWithoutAnInterval_saysNa() {
    assertThat(BenchMain.rate(75_477.4, 13.25)).isEqualTo("75,477 ev/s (13.3 s)");
    assertThat(BenchMain.rate(Double.NaN, 0.0)).isEqualTo("n/a (all committed at once, 0.0 s)");
    assertThat(BenchMain.rate(Double.POSITIVE_INFINITY, 0.0)).startsWith("n/a");
  }
}
