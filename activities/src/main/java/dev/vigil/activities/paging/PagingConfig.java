package dev.vigil.activities.paging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where pages go ({@code vigil.paging.*}). The sink is PagerDuty when a routing key is set, else
 * the webhook when a URL is set, else none (pages are then logged as {@code DISABLED}).
 *
 * @param maxAttempts sends of one page before the activity fails retryably, counting the first
 *     (default 4); 429, 5xx and connection errors are retried
 * @param initialBackoff pause before the first resend, doubled each time (default 1s)
 * @param maxBackoff longest pause between sends, also the cap on a {@code Retry-After} (default
 *     10s)
 * @param requestTimeout timeout of one HTTP request (default 10s)
 * @param pagerduty PagerDuty Events API v2
 * @param webhook generic JSON webhook
 */
@ConfigurationProperties("vigil.paging")
public record PagingConfig(
    @Bindable(defaultValue = "4") int maxAttempts,
    @Bindable(defaultValue = "1s") Duration initialBackoff,
    @Bindable(defaultValue = "10s") Duration maxBackoff,
    @Bindable(defaultValue = "10s") Duration requestTimeout,
    @Nullable PagerDuty pagerduty,
    @Nullable Webhook webhook) {

  /**
   * PagerDuty Events API v2 ({@code vigil.paging.pagerduty.*}).
   *
   * @param routingKey the integration's routing key: a secret, never logged; unset disables
   *     PagerDuty
   * @param baseUrl events endpoint base (default https://events.pagerduty.com; events go to {@code
   *     {baseUrl}/v2/enqueue})
   */
  @ConfigurationProperties("pagerduty")
  public record PagerDuty(
      @Nullable String routingKey,
      @Bindable(defaultValue = "https://events.pagerduty.com") String baseUrl) {

    public boolean configured() {
      return routingKey != null && !routingKey.isBlank();
    }

    @Override
    public String toString() {
      return "PagerDuty[routingKey=" + Secrets.mask(routingKey) + ", baseUrl=" + baseUrl + "]";
    }
  }

  /**
   * A generic JSON webhook ({@code vigil.paging.webhook.*}).
   *
   * @param url where to POST pages; may hold a token, so never logged; unset disables the webhook
   * @param authorization value of the {@code Authorization} header, or unset (never logged)
   */
  @ConfigurationProperties("webhook")
  public record Webhook(@Nullable String url, @Nullable String authorization) {

    public boolean configured() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "Webhook[url="
          + Secrets.mask(url)
          + ", authorization="
          + Secrets.mask(authorization)
          + "]";
    }
  }
}
