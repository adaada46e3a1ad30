package dev.vigil.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format (version 0.0.4), where scrapers
 * look. One controller for every service (ingest, api, worker, and the local launcher that runs the
 * three in one process), so the route exists exactly once whatever is on the classpath.
 */
@Controller
@Requires(classes = PrometheusMeterRegistry.class)
@Requires(beans = PrometheusMeterRegistry.class)
public class PrometheusController {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public PrometheusController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Get("/metrics")
  public HttpResponse<String> scrape() {
    return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
  }
}
