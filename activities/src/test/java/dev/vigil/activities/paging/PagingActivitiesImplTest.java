package dev.vigil.activities.paging;

import static dev.vigil.activities.support.ActivityRunner.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.activities.support.ActivityRunner;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.PageRequest;
import dev.vigil.workflows.activity.PageResult;
import dev.vigil.workflows.activity.PagingActivities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Paging through the activity interface (temporal-testing's {@code TestActivityEnvironment}) to a
 * local {@link PageReceiver} that stands in for PagerDuty's Events API v2 (unreachable from these
 * machines) and validates every body it gets, and to the same receiver acting as a webhook.
 */
@Timeout(60)
class PagingActivitiesImplTest {
  private static final String ROUTING_KEY = "R0UT1NGKEYs3cr3t0123456789abcdef";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    root().detachAppender(logs);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static PagingConfig config(
      PagingConfig.PagerDuty pagerDuty, PagingConfig.Webhook webhook) {
    return new PagingConfig(
        3,
        Duration.ofMillis(20),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        pagerDuty,
        webhook);
  }

  private PagingActivities activities(PageSink... sinks) {
    ActivityRunner runner = new ActivityRunner(new PagingActivitiesImpl(List.of(sinks), meters));
    closing.add(runner);
    return runner.stub(PagingActivities.class);
  }

  private PageReceiver receiver(PageReceiver receiver) {
    closing.add(receiver);
    return receiver;
  }

  private static PageRequest page(boolean dryRun) {
    return new PageRequest(
        "inc-42",
        "payments/api-7c9 still CrashLoopBackOff after 3 rungs",
        "k8s/prod/payments/Pod/api-7c9",
        "critical",
        "k8s/Pod",
        "prod",
        "crashloop-pod",
        Map.of("attempts", "3", "lastAction", "k8s.rolloutRestart"),
        dryRun);
  }

  private double pages(String sink, String outcome) {
    var counter = meters.find("vigil.pages").tags("sink", sink, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Nested
  class PagerDuty {
    private PageReceiver pagerDuty;
    private PagingActivities activities;

    @BeforeEach
    void setUp() throws Exception {
      pagerDuty = receiver(PageReceiver.pagerDuty(ROUTING_KEY));
      activities =
          activities(
              new PagerDutySink(
                  config(new PagingConfig.PagerDuty(ROUTING_KEY, pagerDuty.baseUrl()), null)));
    }

    @Test
    void trigger_sendsAValidEventsV2Body_andIsAccepted() {
      PageResult result = activities.triggerPage(page(false));

      assertThat(result).isEqualTo(new PageResult("inc-42", "TRIGGERED", "pagerduty"));
      assertThat(pagerDuty.received()).hasSize(1);
      JsonNode body = pagerDuty.received().get(0).body();
      assertThat(pagerDuty.received().get(0).path()).isEqualTo("/v2/enqueue");
      assertThat(body.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
      assertThat(body.path("event_action").asText()).isEqualTo("trigger");
      assertThat(body.path("dedup_key").asText()).isEqualTo("inc-42");
      JsonNode payload = body.path("payload");
      assertThat(payload.path("summary").asText())
          .isEqualTo("payments/api-7c9 still CrashLoopBackOff after 3 rungs");
      assertThat(payload.path("source").asText()).isEqualTo("k8s/prod/payments/Pod/api-7c9");
      assertThat(payload.path("severity").asText()).isEqualTo("critical");
      assertThat(payload.path("component").asText()).isEqualTo("k8s/Pod");
      assertThat(payload.path("group").asText()).isEqualTo("prod");
      assertThat(payload.path("class").asText()).isEqualTo("crashloop-pod");
      assertThat(payload.path("custom_details").path("attempts").asText()).isEqualTo("3");
      assertThat(pages("pagerduty", "triggered")).isEqualTo(1);
    }

    @Test
    void resolve_closesTheSameDedupKey() {
      PageResult result = activities.resolvePage(page(false));

      assertThat(result.outcome()).isEqualTo("RESOLVED");
      JsonNode body = pagerDuty.received().get(0).body();
      assertThat(body.path("event_action").asText()).isEqualTo("resolve");
      assertThat(body.path("dedup_key").asText()).isEqualTo("inc-42");
      assertThat(pages("pagerduty", "resolved")).isEqualTo(1);
    }

    @Test
    void aSeverityPagerDutyDoesNotKnow_isSentAsCritical_ratherThanLosingThePage() {
      PageRequest odd =
          new PageRequest("inc-43", "disk full", "node-a", "HIGH", null, null, null, null, false);

      assertThat(activities.triggerPage(odd).outcome()).isEqualTo("TRIGGERED");
      assertThat(pagerDuty.received().get(0).body().path("payload").path("severity").asText())
          .isEqualTo("critical");
    }

    @Test
    void throttled429_isResentWithBackoff_andThenAccepted() {
      pagerDuty.respondWith(429);

      PageResult result = activities.triggerPage(page(false));

      assertThat(result.outcome()).isEqualTo("TRIGGERED");
      assertThat(pagerDuty.received()).hasSize(2);
      assertThat(pagerDuty.received().get(1).body()).isEqualTo(pagerDuty.received().get(0).body());
    }

    @Test
    void serverErrorsThroughEveryResend_failRetryably() {
      pagerDuty.respondWith(503, 502, 500, 500);

      ApplicationFailure failure = failureOf(() -> activities.triggerPage(page(false)));

      assertThat(failure.getType()).isEqualTo(HttpDelivery.UNAVAILABLE);
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(pagerDuty.received()).hasSize(3);
      assertThat(pages("pagerduty", "failed")).isEqualTo(1);
    }

    @Test
    void badRequest400_failsNonRetryably_withPagerDutysMessage() {
      pagerDuty.rejectionMessage("Event object is invalid").respondWith(400);

      ApplicationFailure failure = failureOf(() -> activities.triggerPage(page(false)));

      assertThat(failure.getType()).isEqualTo(ActionErrors.INVALID_PARAMS);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .contains("PagerDuty rejected the event", "HTTP 400", "Event object is invalid");
      assertThat(pagerDuty.received()).hasSize(1);
    }

    @Test
    void dryRun_sendsNothing() {
      PageResult result = activities.triggerPage(page(true));

      assertThat(result).isEqualTo(new PageResult("inc-42", "WOULD_PAGE", "pagerduty"));
      assertThat(pagerDuty.received()).isEmpty();
      assertThat(pages("pagerduty", "would_page")).isEqualTo(1);
    }

    @Test
    void theRoutingKey_neverReachesALog_evenWhenAnErrorEchoesIt() {
      pagerDuty.respondWith(429, 503);
      activities.triggerPage(page(false));
      pagerDuty.rejectionMessage("unknown routing_key " + ROUTING_KEY).respondWith(400);
      ApplicationFailure failure = failureOf(() -> activities.triggerPage(page(false)));

      assertThat(failure.getOriginalMessage()).doesNotContain(ROUTING_KEY).contains("****");
      assertThat(logs.list).isNotEmpty();
      for (ILoggingEvent event : logs.list) {
        assertThat(event.getFormattedMessage()).doesNotContain(ROUTING_KEY);
        if (event.getThrowableProxy() != null) {
          assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy()))
              .doesNotContain(ROUTING_KEY);
        }
      }
      assertThat(new PagingConfig.PagerDuty(ROUTING_KEY, "https://events.pagerduty.com").toString())
          .doesNotContain(ROUTING_KEY);
    }
  }

  @Nested
  class Webhook {
    @Test
    void postsTheSameFactsAndTheAction_withTheAuthorizationHeader() throws Exception {
      PageReceiver hook =
          receiver(
              new PageReceiver(
                  "/hooks/vigil",
                  body ->
                      body.path("dedupKey").asText().isBlank()
                          ? List.of("dedupKey missing")
                          : List.of()));
      PagingActivities activities =
          activities(
              new WebhookSink(
                  config(
                      null,
                      new PagingConfig.Webhook(
                          hook.baseUrl() + "/hooks/vigil", "Bearer hook-token"))));

      PageResult result = activities.triggerPage(page(false));

      assertThat(result).isEqualTo(new PageResult("inc-42", "TRIGGERED", "webhook"));
      PageReceiver.Received received = hook.received().get(0);
      assertThat(received.authorization()).isEqualTo("Bearer hook-token");
      JsonNode body = received.body();
      assertThat(body.path("action").asText()).isEqualTo("trigger");
      assertThat(body.path("dedupKey").asText()).isEqualTo("inc-42");
      assertThat(body.path("summary").asText()).contains("CrashLoopBackOff");
      assertThat(body.path("source").asText()).isEqualTo("k8s/prod/payments/Pod/api-7c9");
      assertThat(body.path("severity").asText()).isEqualTo("critical");
      assertThat(body.path("component").asText()).isEqualTo("k8s/Pod");
      assertThat(body.path("group").asText()).isEqualTo("prod");
      assertThat(body.path("class").asText()).isEqualTo("crashloop-pod");
      assertThat(body.path("customDetails").path("lastAction").asText())
          .isEqualTo("k8s.rolloutRestart");
      assertThat(body.path("sentAt").asText()).isNotBlank();

      assertThat(activities.resolvePage(page(false)).outcome()).isEqualTo("RESOLVED");
      assertThat(hook.received().get(1).body().path("action").asText()).isEqualTo("resolve");
      assertThat(pages("webhook", "triggered")).isEqualTo(1);
    }

    @Test
    void pagerDutyWins_whenBothAreConfigured() throws Exception {
      PageReceiver pagerDuty = receiver(PageReceiver.pagerDuty(ROUTING_KEY));
      PagingConfig both =
          config(
              new PagingConfig.PagerDuty(ROUTING_KEY, pagerDuty.baseUrl()),
              new PagingConfig.Webhook("http://127.0.0.1:9/unused", null));

      PageResult result =
          activities(new WebhookSink(both), new PagerDutySink(both)).triggerPage(page(false));

      assertThat(result.sink()).isEqualTo("pagerduty");
      assertThat(pagerDuty.received()).hasSize(1);
    }
  }

  @Test
  void noSinkConfigured_isDisabled_withAWarning() {
    PageResult result = activities().triggerPage(page(false));

    assertThat(result).isEqualTo(new PageResult("inc-42", "DISABLED", "none"));
    assertThat(logs.list)
        .anyMatch(
            e ->
                e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("no paging sink configured"));
    assertThat(pages("none", "disabled")).isEqualTo(1);
  }

  @Test
  void aPageWithoutDedupKey_isInvalidParams() {
    PageRequest noKey = new PageRequest(" ", "x", "y", "info", null, null, null, null, false);

    ApplicationFailure failure = failureOf(() -> activities().triggerPage(noKey));

    assertThat(failure.getType()).isEqualTo(ActionErrors.INVALID_PARAMS);
  }
}
