package dev.vigil.faults.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.faults.Outcome;
import dev.vigil.faults.Payloads;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.rig.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4: PostgreSQL freezes (SIGSTOP to every one of its processes: sockets open, nothing
 * answers), then dies (SIGKILL, no checkpoint) and starts again on the same data directory, while
 * signals keep arriving over HTTP. Ingest must keep answering 202 (Kafka buffers), its readiness
 * must say within a second that PostgreSQL is down, and once the database is back every accepted
 * event must be in the state store exactly once.
 */
public final class PostgresDown implements Scenario {
  private static final int RESOURCES = 50;
  private static final int PER_REQUEST = 10;

  @Override
  public String name() {
    return "4 PostgreSQL stopped";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) throws Exception {
    Outcome outcome = new Outcome(name());
    String prefix = "faults/s4-" + rig.run() + "/host-";
    Map<ServiceProcess, Long> pids =
        Map.of(
            rig.ingest(),
            rig.ingest().pid(),
            rig.api(),
            rig.api().pid(),
            rig.worker(),
            rig.worker().pid());
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong acceptedEvents = new AtomicLong();
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger otherAnswers = new AtomicInteger();
    AtomicInteger sequence = new AtomicInteger();
    Thread load =
        Thread.ofPlatform()
            .name("s4-load")
            .start(
                () -> {
                  while (loading.get()) {
                    ArrayNode batch = Payloads.JSON.createArrayNode();
                    for (int i = 0; i < PER_REQUEST; i++) {
                      int n = sequence.getAndIncrement();
                      batch.add(
                          Payloads.envelope(
                              rig.run() + "-s4-" + n,
                              prefix + (n % RESOURCES),
                              "faults/host",
                              "DiskPressure",
                              "warning",
                              "firing",
                              Instant.now()));
                    }
                    Http.Response r =
                        rig.http()
                            .postJson(
                                rig.ingest().baseUrl() + "/v1/ingest/signals",
                                rig.credentials().token("ingest:write"),
                                batch.toString());
                    if (r.status() == 202) {
                      acceptedEvents.addAndGet(PER_REQUEST);
                    } else if (r.status() >= 500) {
                      serverErrors.incrementAndGet();
                    } else {
                      otherAnswers.incrementAndGet();
                    }
                    Pause.millis(100);
                  }
                });
    try {
      Pause.of(Duration.ofSeconds(3));
      rig.postgres().freeze();
      rig.log("%s: PostgreSQL frozen (SIGSTOP)", name());
      Probe frozen = probeReadiness(rig, scale.postgresFrozen());
      rig.postgres().kill();
      rig.log("%s: PostgreSQL killed (SIGKILL)", name());
      Probe killed = probeReadiness(rig, scale.postgresKilled());
      rig.postgres().start();
      rig.log("%s: PostgreSQL started again", name());
      Pause.of(Duration.ofSeconds(3));
      outcome.check(
          frozen.sawDown(), "ingest readiness never said PostgreSQL was down while frozen");
      outcome.check(
          killed.sawDown(), "ingest readiness never said PostgreSQL was down while killed");
      long slowest = Math.max(frozen.slowestMillis(), killed.slowestMillis());
      outcome.check(slowest < 1000, "a readiness probe took " + slowest + " ms");
      outcome.note("readiness answered in <= %d ms, DOWN naming postgresql".formatted(slowest));
    } finally {
      loading.set(false);
      load.join();
    }
    long accepted = acceptedEvents.get();
    outcome.signalsSent(sequence.get());
    Duration converge =
        Pause.until(
            "every accepted event applied",
            Duration.ofMinutes(5),
            () -> applied(rig, prefix) >= accepted);
    outcome.converge(converge);
    long applied = applied(rig, prefix);
    outcome.lost(Math.max(0, accepted - applied));
    outcome.doubled(Math.max(0, applied - accepted));
    outcome.state(
        RESOURCES,
        rig.store().count("select count(*) from resource_state where id like ?", prefix + "%"));
    outcome.http5xx(serverErrors.get());
    outcome.check(otherAnswers.get() == 0, otherAnswers.get() + " answers neither 202 nor 5xx");
    for (Map.Entry<ServiceProcess, Long> e : pids.entrySet()) {
      outcome.check(
          e.getKey().isAlive() && e.getKey().pid() == e.getValue(),
          e.getKey().name() + " restarted or died");
    }
    for (ServiceProcess service : rig.services()) {
      service.awaitReady(Duration.ofMinutes(1));
    }
    outcome.note("%d events accepted, %d applied".formatted(accepted, applied));
    return outcome;
  }

  /** What ingest's readiness said during one phase of the outage. */
  private record Probe(boolean sawDown, long slowestMillis) {}

  private static Probe probeReadiness(Rig rig, Duration phase) throws IOException {
    long deadline = System.nanoTime() + phase.toNanos();
    boolean sawDown = false;
    long slowest = 0;
    while (System.nanoTime() < deadline) {
      long start = System.nanoTime();
      var r = rig.ingest().readiness();
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      if (r.statusCode() == 503) {
        JsonNode body = Payloads.JSON.readTree(r.body());
        if ("DOWN".equals(body.path("details").path("postgresql").path("status").asText())) {
          sawDown = true;
        }
      }
      Pause.millis(250);
    }
    return new Probe(sawDown, slowest);
  }

  private static long applied(Rig rig, String prefix) {
    return rig
        .store()
        .rows("select active_signals::text as s from resource_state where id like ?", prefix + "%")
        .stream()
        .mapToLong(
            row ->
                Payloads.countsByReason(row.get("s")).values().stream()
                    .mapToLong(Long::longValue)
                    .sum())
        .sum();
  }
}
