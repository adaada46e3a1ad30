package dev.vigil.ingest.metrics;

import dev.vigil.workflows.workflow.HealthState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ingest's counters and timers, named as the metrics contract says (Prometheus names in brackets).
 * Labels stay bounded: sources are folded into a fixed set, never an id.
 */
@Singleton
public final class IngestMetrics {
  /** {@code vigil_events_received_total{source,outcome}}. */
  public static final String EVENTS_RECEIVED = "vigil.events.received";

  /** {@code vigil_state_upsert_seconds} histogram of the consumer's batch transaction. */
  public static final String STATE_UPSERT = "vigil.state.upsert";

  /** {@code vigil_health_transitions_total{to}}. */
  public static final String HEALTH_TRANSITIONS = "vigil.health.transitions";

  /** {@code vigil_workflows_started_total}. */
  public static final String WORKFLOWS_STARTED = "vigil.workflows.started";

  /** {@code vigil_observations_delivered_total{outcome}}. */
  public static final String OBSERVATIONS_DELIVERED = "vigil.observations.delivered";

  public static final List<String> SOURCES =
      List.of("alertmanager", "eventrouter", "signals", "unknown");
  private static final Set<String> NAMED_SOURCES = Set.of("alertmanager", "eventrouter");

  /** Outcome label of {@code vigil_events_received_total}. */
  public enum Outcome {
    ACCEPTED,
    REJECTED,
    FILTERED,
    DUPLICATE,
    DLQ;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Outcome label of {@code vigil_observations_delivered_total}. */
  public enum Delivery {
    STARTED,
    SIGNALED,
    SKIPPED,
    FAILED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Timer upsert;
  private final Counter workflowsStarted;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.upsert =
        Timer.builder(STATE_UPSERT)
            .description("Duration of the signal consumer's batch transaction")
            .publishPercentileHistogram()
            .register(registry);
    this.workflowsStarted =
        Counter.builder(WORKFLOWS_STARTED)
            .description("signalWithStart calls made by the outbox relay for adverse observations")
            .register(registry);
    for (String source : SOURCES) {
      for (Outcome outcome : Outcome.values()) {
        events(source, outcome, 0);
      }
    }
    for (HealthState to : HealthState.values()) {
      transitions(to, 0);
    }
    for (Delivery outcome : Delivery.values()) {
      delivered(outcome, 0);
    }
  }

  /** The source label for an envelope's {@code source}: named receivers, else {@code signals}. */
  public static String sourceLabel(String envelopeSource) {
    if (envelopeSource == null) {
      return "unknown";
    }
    return NAMED_SOURCES.contains(envelopeSource) ? envelopeSource : "signals";
  }

  public void events(String source, Outcome outcome, int count) {
    Counter counter =
        Counter.builder(EVENTS_RECEIVED)
            .description("Signal events by receiver and what became of them")
            .tag("source", source)
            .tag("outcome", outcome.wire())
            .register(registry);
    if (count > 0) {
      counter.increment(count);
    }
  }

  public void transitions(HealthState to, int count) {
    Counter counter =
        Counter.builder(HEALTH_TRANSITIONS)
            .description("Health state transitions of resources, by new state")
            .tag("to", to.name())
            .register(registry);
    if (count > 0) {
      counter.increment(count);
    }
  }

  public void delivered(Delivery outcome, int count) {
    Counter counter =
        Counter.builder(OBSERVATIONS_DELIVERED)
            .description("Observation outbox rows handled by the relay, by outcome")
            .tag("outcome", outcome.wire())
            .register(registry);
    if (count > 0) {
      counter.increment(count);
    }
  }

  public void workflowStarted() {
    workflowsStarted.increment();
  }

  public Timer upsertTimer() {
    return upsert;
  }

  public MeterRegistry registry() {
    return registry;
  }
}
