package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL reader that the monitoring contract checks rely on. */
class MetricsContractTest {

  @Test
  void readsMetricNamesButNotFunctionsLabelsOrKeywords() {
    String expr =
        "histogram_quantile(0.95, sum by (le, task_queue) (rate(foo_bucket{a=\"b\",le=~\"1|2\"}[5m])))"
            + " > 1 and on (x) sum without (y) (bar_total) / ignoring(z) baz offset 5m"
            + " or vector(1e3) unless sum(rate(qux[$__rate_interval])) > bool 2";

    assertThat(MetricsContract.metricNames(expr))
        .containsExactlyInAnyOrder("foo_bucket", "bar_total", "baz", "qux");
  }

  @Test
  void readsRecordingRuleNamesWithColons() {
    assertThat(MetricsContract.metricNames("vigil:slo_ingest_errors:ratio_rate1h > (14.4 * 0.01)"))
        .containsExactly("vigil:slo_ingest_errors:ratio_rate1h");
  }
}
