package dev.vigil.activities.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * A generic JSON webhook: POSTs {@code {action, dedupKey, summary, source, severity, component,
 * group, class, customDetails, sentAt}}. 2xx delivers; 408, 429, 5xx are resent; any other 4xx is a
 * permanent rejection. The URL and the Authorization value never reach a log.
 */
@Singleton
@Requires(property = "vigil.paging.webhook.url")
public class WebhookSink implements PageSink {
  public static final String NAME = "webhook";

  private final PagingConfig config;
  private final URI url;
  private final String authorization;
  private final HttpDelivery delivery;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookSink(PagingConfig config) {
    if (config.webhook() == null || !config.webhook().configured()) {
      throw new IllegalStateException("vigil.paging.webhook.url is not set");
    }
    this.config = config;
    this.url = URI.create(config.webhook().url());
    this.authorization = config.webhook().authorization();
    this.delivery = new HttpDelivery(NAME, config, config.webhook().url());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int getOrder() {
    return 1;
  }

  @Override
  public void deliver(PageAction action, PageRequest request) {
    HttpRequest.Builder post =
        HttpRequest.newBuilder(url)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(action, request)));
    if (authorization != null && !authorization.isBlank()) {
      post.header("Authorization", authorization);
    }
    HttpResponse<String> response = delivery.send(post.build());
    int code = response.statusCode();
    if (code >= 200 && code < 300) {
      return;
    }
    String message =
        Secrets.scrub(
            Secrets.scrub(
                "webhook rejected the page: HTTP " + code + ": " + response.body(),
                config.webhook().url()),
            authorization);
    throw ApplicationFailure.newNonRetryableFailure(
        message, code == 401 || code == 403 ? ActionErrors.FORBIDDEN : ActionErrors.INVALID_PARAMS);
  }

  String body(PageAction action, PageRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("action", action.eventAction());
    body.put("dedupKey", request.dedupKey());
    body.put("summary", request.summary());
    body.put("source", request.source());
    body.put("severity", request.severity());
    body.put("component", request.component());
    body.put("group", request.group());
    body.put("class", request.eventClass());
    ObjectNode details = body.putObject("customDetails");
    request.customDetails().forEach(details::put);
    body.put("sentAt", Instant.now().toString());
    return body.toString();
  }
}
