package dev.vigil.activities.paging;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PagerDuty Events API v2: {@code POST {baseUrl}/v2/enqueue} with {@code trigger} (summary, source,
 * severity, component, group, class, custom_details) or {@code resolve}, {@code dedup_key} = the
 * page's dedup key. A 400 is a permanent rejection (PagerDuty's message is kept); 429 and 5xx are
 * resent. The routing key goes into the body only, never into a log or failure message.
 */
@Singleton
@Requires(property = "vigil.paging.pagerduty.routing-key")
public class PagerDutySink implements PageSink {
  public static final String NAME = "pagerduty";

  /** Severities the Events API accepts. */
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  static final String DEFAULT_SEVERITY = "critical";
  static final int MAX_SUMMARY = 1024;

  private static final Logger log = LoggerFactory.getLogger(PagerDutySink.class);

  private final PagingConfig config;
  private final String routingKey;
  private final URI endpoint;
  private final HttpDelivery delivery;
  private final ObjectMapper json = new ObjectMapper();

  public PagerDutySink(PagingConfig config) {
    this.config = config;
    if (config.pagerduty() == null || !config.pagerduty().configured()) {
      throw new IllegalStateException("vigil.paging.pagerduty.routing-key is not set");
    }
    this.routingKey = config.pagerduty().routingKey();
    String base = config.pagerduty().baseUrl();
    this.endpoint =
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/enqueue");
    this.delivery = new HttpDelivery(NAME, config, routingKey);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int getOrder() {
    return 0;
  }

  @Override
  public void deliver(PageAction action, PageRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(endpoint)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(action, request)))
            .build();
    HttpResponse<String> response = delivery.send(post);
    int code = response.statusCode();
    if (code >= 200 && code < 300) {
      return;
    }
    String message =
        Secrets.scrub("PagerDuty rejected the event: " + problem(response), routingKey);
    throw ApplicationFailure.newNonRetryableFailure(
        message, code == 401 || code == 403 ? ActionErrors.FORBIDDEN : ActionErrors.INVALID_PARAMS);
  }

  String body(PageAction action, PageRequest request) {
    ObjectNode event = json.createObjectNode();
    event.put("routing_key", routingKey);
    event.put("event_action", action.eventAction());
    event.put("dedup_key", request.dedupKey());
    if (action == PageAction.TRIGGER) {
      ObjectNode payload = event.putObject("payload");
      payload.put("summary", summary(request));
      payload.put("source", blankToDefault(request.source(), "vigil"));
      payload.put("severity", severity(request.severity()));
      putIfPresent(payload, "component", request.component());
      putIfPresent(payload, "group", request.group());
      putIfPresent(payload, "class", request.eventClass());
      if (!request.customDetails().isEmpty()) {
        ObjectNode details = payload.putObject("custom_details");
        request.customDetails().forEach(details::put);
      }
      event.put("client", "Vigil");
    }
    return event.toString();
  }

  static String severity(String requested) {
    String severity = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
    if (SEVERITIES.contains(severity)) {
      return severity;
    }
    log.warn(
        "page severity '{}' is not one PagerDuty accepts {}; sending {}",
        requested,
        SEVERITIES,
        DEFAULT_SEVERITY);
    return DEFAULT_SEVERITY;
  }

  private static String summary(PageRequest request) {
    String summary =
        blankToDefault(
            request.summary(), "Vigil needs a human for " + blankToDefault(request.source(), "?"));
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY);
  }

  /** PagerDuty's {@code message} and {@code errors}, else the raw body. */
  private String problem(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body();
    try {
      JsonNode node = json.readTree(body);
      String message = node.path("message").asText("");
      JsonNode errors = node.path("errors");
      if (!message.isEmpty()) {
        return "HTTP "
            + response.statusCode()
            + ": "
            + message
            + (errors.isArray() && !errors.isEmpty() ? " " + errors : "");
      }
    } catch (java.io.IOException e) {
      // not JSON: fall through to the raw body
    }
    return "HTTP " + response.statusCode() + ": " + body;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  private static String blankToDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
