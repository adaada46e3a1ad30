package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.NormalizationRules;
import dev.vigil.ingest.envelope.ReasonRewrite;
import dev.vigil.ingest.ttl.TtlConfig;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBindingTest {
  @Test
  void probe() {
    try (ApplicationContext ctx =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "vigil.ingest.ttl.by-reason.ShortLived", "2s",
                    "datasources.default.initialization-fail-timeout", "-1",
                    "flyway.datasources.default.enabled", "false",
                    "vigil.ingest.consumer.enabled", "false",
                    "vigil.ingest.relay.enabled", "false",
                    "vigil.ingest.ttl.sweeper-enabled", "false"))
            .start()) {
      TtlConfig ttl = ctx.getBean(TtlConfig.class);
      System.out.println("TTL " + ttl);
      NormalizationRules rules = ctx.getBean(NormalizationRules.class);
      System.out.println("RULES " + rules);
      System.out.println(
          "REWRITES "
              + ctx.getBeansOfType(ReasonRewrite.class).stream()
                  .map(
                      r ->
                          r.getReason()
                              + "->"
                              + r.getTo()
                              + " "
                              + r.getMessagePattern()
                              + " "
                              + r.getSource())
                  .toList());
      assertThat(ttl.byReason()).containsEntry("ShortLived", Duration.ofSeconds(2));
    }
  }
}
