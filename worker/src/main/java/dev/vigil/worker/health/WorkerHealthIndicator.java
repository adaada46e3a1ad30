package dev.vigil.worker.health;

import dev.vigil.worker.TemporalWorker;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Readiness: the worker polls its task queue (DOWN before it starts and while it stops). */
@Singleton
@Readiness
public class WorkerHealthIndicator implements HealthIndicator {
  static final String NAME = "worker";

  private final TemporalWorker worker;

  public WorkerHealthIndicator(TemporalWorker worker) {
    this.worker = worker;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    TemporalWorker.State state = worker.state();
    HealthStatus status =
        state == TemporalWorker.State.POLLING ? HealthStatus.UP : HealthStatus.DOWN;
    return Publishers.just(
        HealthResult.builder(NAME, status).details(Map.of("state", state.name())).build());
  }
}
