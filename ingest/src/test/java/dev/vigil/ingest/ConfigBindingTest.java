package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.NormalizationRules;
import dev.vigil.ingest.envelope.ReasonRewrite;
import dev.vigil.ingest.outbox.RelayConfig;
import dev.vigil.ingest.ttl.SignalTtl;
import dev.vigil.ingest.ttl.TtlConfig;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented defaults of application.yml bind as the code expects (no database needed). */
class ConfigBindingTest {
  private static ApplicationContext context(Map<String, Object> extra) {
    Map<String, Object> properties = new java.util.HashMap<>(extra);
    properties.put("datasources.default.initialization-fail-timeout", "-1");
    properties.put("flyway.datasources.default.enabled", "false");
    properties.put("vigil.ingest.consumer.enabled", "false");
    properties.put("vigil.ingest.relay.enabled", "false");
    properties.put("vigil.ingest.ttl.sweeper-enabled", "false");
    return ApplicationContext.builder().properties(properties).start();
  }

  @Test
  void defaults_fromApplicationYml() {
    try (ApplicationContext ctx = context(Map.of())) {
      IngestConfig ingest = ctx.getBean(IngestConfig.class);
      assertThat(ingest.maxBodySize()).isEqualTo(16 * 1024 * 1024);
      assertThat(ingest.topics().signals()).isEqualTo("vigil.signals");
      assertThat(ingest.topics().dlq()).isEqualTo("vigil.signals.dlq");
      assertThat(ingest.topics().incidents()).isEqualTo("vigil.incidents");

      NormalizationRules rules = ctx.getBean(NormalizationRules.class);
      assertThat(rules.criticalReasons())
          .containsExactly("CrashLoopBackOff", "OOMKilled", "EtcdDown");
      assertThat(rules.severityAliases()).containsEntry("p1", "critical");
      assertThat(rules.dropEventTypes()).containsExactly("Normal");
      assertThat(rules.labels().resourceId()).isEqualTo("resource_id");
      assertThat(ctx.getBeansOfType(ReasonRewrite.class))
          .singleElement()
          .satisfies(rewrite -> assertThat(rewrite.getTo()).isEqualTo("CrashLoopBackOff"));

      assertThat(ctx.getBean(SignalTtl.class).ttl("K8sEvent", "BackOff"))
          .isEqualTo(Duration.ofMinutes(15));
      assertThat(ctx.getBean(SignalTtl.class).ttl("Alert", "CrashLoopBackOff")).isNull();
      assertThat(ctx.getBean(RelayConfig.class).retention()).isEqualTo(Duration.ofDays(7));
    }
  }

  @Test
  void mapKeysKeepTheirCase() {
    try (ApplicationContext ctx =
        context(
            Map.of(
                "vigil.ingest.ttl.by-reason.ShortLived",
                "2s",
                "vigil.ingest.rules.reason-severities.NodeNotReady",
                "error"))) {
      assertThat(ctx.getBean(TtlConfig.class).byReason())
          .containsEntry("ShortLived", Duration.ofSeconds(2));
      assertThat(ctx.getBean(NormalizationRules.class).reasonSeverities())
          .containsEntry("NodeNotReady", "error");
    }
  }
}
