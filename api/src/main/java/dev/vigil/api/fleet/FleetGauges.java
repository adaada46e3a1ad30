package dev.vigil.api.fleet;

import dev.vigil.api.tenancy.Visibility;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil_fleet_resources{health_state}} and {@code vigil_fleet_remediations{phase}}:
 * recomputed from PostgreSQL every {@code vigil.api.fleet-gauges-interval}, so a scrape reads two
 * numbers from memory and any number of scrapers cost the database nothing.
 */
@Context
public class FleetGauges {
  private static final Logger LOG = LoggerFactory.getLogger(FleetGauges.class);

  private final FleetRepository repository;
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> resources = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> remediations = new ConcurrentHashMap<>();

  public FleetGauges(FleetRepository repository, MeterRegistry registry) {
    this.repository = repository;
    this.registry = registry;
  }

  @Scheduled(fixedDelay = "${vigil.api.fleet-gauges-interval:15s}", initialDelay = "1s")
  void refresh() {
    try {
      FleetCounts counts = repository.counts(Visibility.ALL);
      counts
          .byHealth()
          .forEach(
              (state, n) ->
                  gauge(resources, "vigil.fleet.resources", "health_state", state).set(n));
      counts
          .byPhase()
          .forEach(
              (phase, n) -> gauge(remediations, "vigil.fleet.remediations", "phase", phase).set(n));
    } catch (RuntimeException e) {
      // keep the last values; the next tick tries again
      LOG.warn("fleet gauges not refreshed: {}", e.getMessage());
    }
  }

  private AtomicLong gauge(Map<String, AtomicLong> values, String name, String tag, String value) {
    return values.computeIfAbsent(
        value,
        v -> {
          AtomicLong holder = new AtomicLong();
          Gauge.builder(name, holder, AtomicLong::doubleValue)
              .tag(tag, v)
              .description(
                  name.endsWith("resources")
                      ? "Resources per health state"
                      : "Resources per remediation phase (last recorded)")
              .register(registry);
          return holder;
        });
  }
}
