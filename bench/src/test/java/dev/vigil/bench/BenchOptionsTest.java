package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void numbers_mayHoldUnderscores_pathsAndJdbcParamsKeepThem() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--events", "400_000",
              "--latency-rate", "60_000",
              "--jdbc-params", "options=-c%20work_mem=8MB",
              "--latency-dump", "/tmp/probes_60k.txt"
            });

    assertThat(options.events()).isEqualTo(400_000);
    assertThat(options.latencyRate()).isEqualTo(60_000);
    assertThat(options.jdbcParams()).isEqualTo("options=-c%20work_mem=8MB");
    assertThat(options.latencyDump()).isEqualTo("/tmp/probes_60k.txt");
  }

  @Test
  void optionsNotGiven_takeTheDefaults() {
    BenchOptions options = BenchOptions.parse(new String[] {"--events", "10"});

    assertThat(options.events()).isEqualTo(10);
    assertThat(options.resources()).isEqualTo(BenchOptions.defaults().resources());
    assertThat(options.jdbcParams()).isEmpty();
    assertThat(options.latencyDump()).isEmpty();
  }

  @Test
  void anUnknownOption_isRefusedWithTheUsage() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--event", "10"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown options [event]")
        .hasMessageContaining("--latency-dump FILE");
  }
}
