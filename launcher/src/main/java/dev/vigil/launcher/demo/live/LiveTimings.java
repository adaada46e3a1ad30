package dev.vigil.launcher.demo.live;

import java.time.Duration;

/**
 * The clocks of the live loop, shortened for a demo that ends in minutes. Production values stay
 * where they are shipped: {@code for:} and the rate window in {@code
 * examples/prometheus/eventpulse-rules.yml}, the rest are Prometheus' and Alertmanager's defaults.
 *
 * @param scrapeInterval how often Prometheus scrapes each replica (production: 15s)
 * @param ruleInterval how often Prometheus evaluates the rules (production: 15s)
 * @param discoveryRefresh how often Prometheus asks Docker for the replicas (default 60s)
 * @param rateWindow the range of {@code rate()} in the rules (shipped: 1m)
 * @param highCpuFor HighCPU's {@code for:} (shipped: 2m)
 * @param lowCpuFor LowCPU's {@code for:} (shipped: 5m)
 * @param groupWait Alertmanager's {@code group_wait} (default 30s)
 * @param groupInterval Alertmanager's {@code group_interval} (default 5m)
 * @param repeatInterval Alertmanager's {@code repeat_interval} (default 4h)
 * @param balancerSync how often the label watcher syncs HAProxy with Docker
 * @param monitorInterval how often the demo looks at the loop (what it prints and charts)
 * @param step how long each step of the scenario may take before the demo gives up
 */
public record LiveTimings(
    Duration scrapeInterval,
    Duration ruleInterval,
    Duration discoveryRefresh,
    Duration rateWindow,
    Duration highCpuFor,
    Duration lowCpuFor,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    Duration balancerSync,
    Duration monitorInterval,
    Duration step) {

  /** What {@code ./vigil demo --live} and its test run with. */
  public static LiveTimings demo() {
    return new LiveTimings(
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofHours(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(120));
  }
}
