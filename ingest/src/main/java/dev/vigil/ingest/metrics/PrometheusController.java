package dev.vigil.ingest.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** {@code GET /metrics}: every meter in Prometheus text format, for the scraper. */
@Controller("/metrics")
public class PrometheusController {
  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public PrometheusController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Get
  @Produces(TEXT_FORMAT)
  public String scrape() {
    return registry.scrape();
  }
}
