package dev.vigil.activities.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.activity.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which sink the configuration chooses, as a worker's context wires it. */
class PagingBeansTest {
  private static final PageRequest DRY_RUN =
      new PageRequest("inc-1", "s", "src", "info", null, null, null, null, true);

  private static ApplicationContext context(Map<String, Object> properties) {
    return ApplicationContext.builder()
        .properties(properties)
        .singletons(new SimpleMeterRegistry())
        .start();
  }

  @Test
  void defaults_haveNoSink() {
    try (ApplicationContext ctx = context(Map.of())) {
      PagingConfig config = ctx.getBean(PagingConfig.class);
      assertThat(config.maxAttempts()).isEqualTo(4);
      assertThat(config.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
      assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
      assertThat(ctx.getBeansOfType(PageSink.class)).isEmpty();
      assertThat(ctx.getBean(PagingActivitiesImpl.class).triggerPage(DRY_RUN).sink())
          .isEqualTo("none");
    }
  }

  @Test
  void aRoutingKey_choosesPagerDuty_atTheDefaultEndpoint() {
    try (ApplicationContext ctx =
        context(
            Map.of(
                "vigil.paging.pagerduty.routing-key", "abc123",
                "vigil.paging.webhook.url", "http://127.0.0.1:9/hook"))) {
      PagingConfig config = ctx.getBean(PagingConfig.class);
      assertThat(config.pagerduty().baseUrl()).isEqualTo("https://events.pagerduty.com");
      assertThat(config.toString()).doesNotContain("abc123").doesNotContain("127.0.0.1:9/hook");
      assertThat(ctx.getBean(PagingActivitiesImpl.class).triggerPage(DRY_RUN).sink())
          .isEqualTo("pagerduty");
    }
  }

  @Test
  void aWebhookUrlAlone_choosesTheWebhook() {
    try (ApplicationContext ctx =
        context(Map.of("vigil.paging.webhook.url", "http://127.0.0.1:9/h"))) {
      assertThat(ctx.getBean(PagingActivitiesImpl.class).triggerPage(DRY_RUN).sink())
          .isEqualTo("webhook");
    }
  }
}
