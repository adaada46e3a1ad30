package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} of the chart with its default values (helm-java lints no others). */
class ChartLintTest {

  @Test
  void chartPassesStrictLint() {
    var result = VigilChart.lint();

    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }
}
