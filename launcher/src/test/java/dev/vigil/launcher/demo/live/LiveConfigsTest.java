package dev.vigil.launcher.demo.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped EventPulse rules and what the live demo writes for Prometheus, Alertmanager and
 * HAProxy, checked by the real tools ({@code promtool}, {@code amtool}, {@code haproxy -c}).
 */
class LiveConfigsTest {
  static final Path EXAMPLES = Path.of("..", "examples", "prometheus");
  static final Path RULES = EXAMPLES.resolve("eventpulse-rules.yml");

  @TempDir Path dir;

  @Test
  void shippedRules_carryTheProductionTimings() throws IOException {
    AlertRules rules = AlertRules.load(RULES);

    assertThat(rules.forOf(AlertRules.HIGH_CPU)).isEqualTo(Duration.ofMinutes(2));
    assertThat(rules.forOf(AlertRules.LOW_CPU)).isEqualTo(Duration.ofMinutes(5));
    assertThat(rules.rateWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(rules.expr(AlertRules.HIGH_CPU)).contains("avg by (docker_service)", "> 0.5");
    assertThat(rules.expr(AlertRules.LOW_CPU)).contains("< 0.2", "count by (docker_service)");
  }

  @Test
  void shippedRules_passPromtoolsUnitTests() throws Exception {
    Path promtool = LiveTools.require("promtool", "prometheus");

    assertThat(
            run(
                promtool.toString(),
                "test",
                "rules",
                EXAMPLES.resolve("eventpulse-rules.test.yml").toString()))
        .contains("SUCCESS");
  }

  @Test
  void shortenedRules_changeOnlyForAndTheRateWindow_andPassPromtool() throws Exception {
    Path promtool = LiveTools.require("promtool", "prometheus");
    AlertRules shipped = AlertRules.load(RULES);
    Path file = dir.resolve("rules.yml");

    Files.writeString(file, shipped.shortened(LiveTimings.demo()));
    AlertRules demo = AlertRules.load(file);

    assertThat(demo.forOf(AlertRules.HIGH_CPU)).isEqualTo(LiveTimings.demo().highCpuFor());
    assertThat(demo.forOf(AlertRules.LOW_CPU)).isEqualTo(LiveTimings.demo().lowCpuFor());
    assertThat(demo.rateWindow()).isEqualTo(LiveTimings.demo().rateWindow());
    for (String alert : List.of(AlertRules.HIGH_CPU, AlertRules.LOW_CPU)) {
      assertThat(demo.expr(alert)).isEqualTo(shipped.expr(alert).replace("[1m]", "[10s]"));
    }
    assertThat(run(promtool.toString(), "check", "rules", file.toString()))
        .contains("SUCCESS: 2 rules found");
  }

  @Test
  void prometheusConfig_discoversTheServiceThroughDocker_andPassesPromtool() throws Exception {
    Path promtool = LiveTools.require("promtool", "prometheus");
    Files.writeString(
        dir.resolve("rules.yml"), AlertRules.load(RULES).shortened(LiveTimings.demo()));
    Path config = dir.resolve("prometheus.yml");
    String text =
        LocalPrometheus.config("app", "unix:///var/run/docker.sock", 19093, LiveTimings.demo());

    Files.writeString(config, text);

    assertThat(text)
        .contains("docker_sd_configs", "vigil.service=app", "target_label: docker_service");
    assertThat(run(promtool.toString(), "check", "config", config.toString())).contains("SUCCESS");
  }

  @Test
  void alertmanagerConfig_sendsEveryAlertToVigil_andPassesAmtool() throws Exception {
    Path amtool = LiveTools.require("amtool", "prometheus-alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    String text =
        LocalAlertmanager.config("http://127.0.0.1:18080", "dev-token", LiveTimings.demo());

    Files.writeString(config, text);

    assertThat(text).contains("/v1/ingest/alertmanager", "send_resolved: true", "group_wait: 1s");
    assertThat(run(amtool.toString(), "check-config", config.toString())).contains("SUCCESS");
  }

  @Test
  void haproxyConfig_hasEmptySlotsForTheWatcher_andPassesHaproxyCheck() throws Exception {
    Path haproxy = LiveTools.require("haproxy", "haproxy");
    Path config = dir.resolve("haproxy.cfg");
    String text = LocalHaproxy.config(18081, 18082, 4);

    Files.writeString(config, text);

    assertThat(text).contains("server-template slot 1-4", "option httpchk GET /health");
    assertThat(run(haproxy.toString(), "-c", "-f", config.toString()))
        .contains("Configuration file is valid");
  }

  /** Runs a tool; returns its output; fails the test when it exits non-zero. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(p.exitValue())
        .as("%s exit code; output:%n%s", String.join(" ", command), output)
        .isZero();
    return output;
  }
}
