package dev.vigil.worker.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /metrics} in the Prometheus text format (version 0.0.4), where scrapers look. */
@Controller
public class MetricsController {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Get("/metrics")
  public HttpResponse<String> scrape() {
    return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
  }
}
