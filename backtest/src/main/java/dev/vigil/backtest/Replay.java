package dev.vigil.backtest;

import dev.vigil.ingest.envelope.Signal;
import dev.vigil.ingest.metrics.IngestMetrics.Delivery;
import dev.vigil.ingest.outbox.ObservationDelivery;
import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.ingest.outbox.OutboxRow;
import dev.vigil.platform.VigilConfig;
import dev.vigil.store.contracts.Outbox;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.RemediationWorkflowImpl;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import dev.vigil.workflows.workflow.VigilSearchAttributes;
import dev.vigil.workflows.workflow.WorkflowIds;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One replay of a recording against one policy file. The virtual clock of Temporal's time-skipping
 * test server ({@link ReplayServer}) is the recorded receive time: before a line is applied the
 * clock is moved to its {@code at}, and every timer due by then (verification windows, approval
 * timeouts, recurrence windows, throttle retries) fires in order on the way. Each line then takes
 * ingest's path: the fold ({@link Fleet}; lines with the same receive time fold as one batch), the
 * rows the storm guard counts ({@link ResourceRows}), and the observation rows through the real
 * relay delivery ({@link ObservationDelivery}: start or signal the resource's {@code
 * RemediationWorkflowImpl}, always in dry-run). TTL expiries are applied at the moment they fall
 * due, as a sweeper with no delay would.
 *
 * <p>The server's clock does not run while anything is in flight, so each line is applied after
 * everything due before it, and everything the earlier lines set off, has settled; a timer due at
 * the very instant of a line fires before it. The result does not depend on this machine's speed,
 * and the workflows' times are the recorded ones, without processing delays.
 */
final class Replay {
  private final Engine engine;
  private final Recording recording;
  private final PolicySet policies;
  private final Duration settle;
  private final Map<String, Integer> deliveries = new TreeMap<>();
  private ReplayServer server;
  private ResourceRows rows;
  private ObservationDelivery relay;
  private long outboxIds;

  Replay(Engine engine, Recording recording, PolicySet policies, Duration settle) {
    this.engine = engine;
    this.recording = recording;
    this.policies = policies;
    this.settle = settle;
  }

  Report run() {
    long t0 = System.nanoTime();
    engine.reset();
    Instant start = recording.start() == null ? Instant.now() : recording.start();
    server = ReplayServer.start(start.minusSeconds(1), VigilSearchAttributes.definitions());
    try {
      Worker worker = server.newWorker(WorkflowIds.TASK_QUEUE);
      RemediationWorkflowImpl.register(worker, RemediationWorkflowOptions.defaults());
      worker.registerActivitiesImplementations(engine.activities().toArray());
      server.startWorkers();
      engine.clock().follow(server::now);
      Fleet fleet = new Fleet(engine.ttl(), new PolicyMatcher(policies.policies()));
      rows = new ResourceRows(engine.dataSource());
      VigilConfig dryRun = new VigilConfig(engine.vigil().clusterName(), true);
      Instant until = start.plus(settle);
      try (ObservationDelivery delivery =
          new ObservationDelivery(
              new RemediationClient(server.client()),
              dryRun,
              engine.relay(),
              engine.ingestMetrics())) {
        relay = delivery;
        List<Received> lines = recording.lines();
        for (int i = 0; i < lines.size(); ) {
          // Lines received at the same instant are one batch, as one poll of the consumer would
          // be: a webhook of twelve alerts exported as twelve records folds as one.
          Instant at = lines.get(i).at();
          List<Signal> batch = new ArrayList<>();
          for (; i < lines.size() && lines.get(i).at().equals(at); i++) {
            batch.addAll(lines.get(i).signals());
          }
          sweep(fleet, at, false);
          apply(fleet.apply(batch, at), at);
        }
        until = (recording.end() == null ? start : recording.end()).plus(settle);
        sweep(fleet, until, true);
        server.advanceTo(until);
      }
      Timelines timelines = Timelines.read(engine.dataSource());
      List<Report.ResourceTimeline> resources = timelines.resources();
      Report.Input input =
          new Report.Input(
              recording.file(),
              recording.lines().size(),
              recording.bad().size(),
              recording.start(),
              recording.end(),
              until,
              recording.signals(),
              recording.lines().stream().mapToInt(Received::filtered).sum(),
              fleet.duplicates(),
              fleet.resources(),
              fleet.changes(),
              deliveries);
      return new Report(
          policies.name(),
          input,
          timelines.summary(fleet.resources(), resources),
          resources,
          (System.nanoTime() - t0) / 1e9);
    } finally {
      engine.clock().follow(null);
      server.close();
    }
  }

  /** TTL expiries due before {@code until} (or at it, when {@code inclusive}), in time order. */
  private void sweep(Fleet fleet, Instant until, boolean inclusive) {
    Instant due;
    while ((due = fleet.nextExpiry()) != null
        && (due.isBefore(until) || (inclusive && due.equals(until)))) {
      apply(fleet.expireDue(due), due);
    }
  }

  private void apply(Fleet.Step step, Instant at) {
    if (step.isEmpty()) {
      return;
    }
    server.advanceTo(at);
    rows.write(step.storeRows());
    for (ObservationPayload payload : step.observations()) {
      Delivery outcome =
          relay.deliver(
              new OutboxRow(
                  ++outboxIds,
                  Outbox.OBSERVATION,
                  payload.resource().id(),
                  ObservationPayload.EVENT_TYPE,
                  payload.toJson(),
                  0,
                  at));
      deliveries.merge(outcome.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
  }
}
