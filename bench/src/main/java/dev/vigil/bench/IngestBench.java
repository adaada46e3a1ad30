package dev.vigil.bench;

import dev.vigil.ingest.envelope.EnvelopeReader;
import dev.vigil.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenarios 1 and 2 in one pass over one stream. The events are produced first; a bare consumer
 * that only reads each record's envelope as ingest does ({@code EnvelopeReader.readRecord}, no
 * state) reads them all (the ceiling); then the production ingest context (Micronaut, the real
 * partition owner -> {@code SignalBatchProcessor} -> {@code ResourceStateService} and the outbox
 * relay) consumes the same topic into a fresh database of a PostgreSQL server at production
 * durability, relaying health transitions to a Temporal test server. Throughput is measured from
 * the first to the last committed offset (Kafka offsets are committed after the PostgreSQL
 * transaction). Then a paced producer runs at half that rate and probe events are timed from send
 * to visible in PostgreSQL. Last, two ingest instances in one consumer group read the same topic
 * into another database: the scale-out figure.
 */
final class IngestBench {
  private static final String STORM_TASK_QUEUE = "bench-storm";
  private static final String STORM_WORKFLOWS =
      "remediation:" + Envelopes.resourceId(0).replace("pod-0", "pod-");

  /** What scenarios 1 and 2 measured. */
  record Result(
      long produced,
      double produceSeconds,
      long applied,
      double ingestRate,
      double ingestSeconds,
      double bareRate,
      Paced paced,
      List<Paced> sweep,
      long transitions,
      long unhealthyTransitions,
      long temporalCalls,
      Map<String, Long> callsByKind,
      long workflowsStarted,
      int workflowIds,
      int maxRunsPerResource,
      long unhealthyResources,
      double twoInstanceRate,
      double twoInstanceSeconds,
      long twoInstanceApplied) {

    double callsPerTransition() {
      return transitions == 0 ? Double.NaN : (double) temporalCalls / transitions;
    }

    double latencyRate() {
      return paced.rate();
    }

    int probes() {
      return paced.probes();
    }

    double p50Millis() {
      return paced.p50Millis();
    }

    double p99Millis() {
      return paced.p99Millis();
    }

    double maxMillis() {
      return paced.maxMillis();
    }

    /** The highest paced rate whose p99 met the target, half the ingest rate included; or null. */
    Paced sustained() {
      Paced best = paced.meetsTarget() ? paced : null;
      for (Paced p : sweep) {
        if (p.meetsTarget() && (best == null || p.rate() > best.rate())) {
          best = p;
        }
      }
      return best;
    }
  }

  /** Events/s of the paced run when the stream was too small to measure a rate over. */
  private static final double FALLBACK_PACED_RATE = 1_000;

  /** The p99 target of event -> state visible. */
  static final double P99_TARGET_MILLIS = 250;

  /**
   * One paced run: its rate, what its probes measured, the p99 of the probes sent during the
   * warm-up (not counted; NaN without any), and where the machine's CPU went while the measured
   * probes were produced.
   */
  record Paced(
      double rate,
      int probes,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      double warmupP99Millis,
      CpuUse cpu) {
    boolean meetsTarget() {
      return p99Millis < P99_TARGET_MILLIS;
    }
  }

  private final BenchOptions options;
  private final BenchKafka kafka;
  private final BenchPostgres postgres;
  private final String temporalTarget;
  private final BenchTemporal temporal;
  private final String run = "bench" + UUID.randomUUID().toString().substring(0, 8);
  private final String signals = run + ".signals";

  /** The same stream again, for the scale-out scenario alone (the first topic gets more later). */
  private final String scaleOutSignals = run + ".signals.scale-out";

  private final String group = run + "-ingest";

  IngestBench(
      BenchOptions options, BenchKafka kafka, BenchPostgres postgres, BenchTemporal temporal) {
    this.options = options;
    this.kafka = kafka;
    this.postgres = postgres;
    this.temporal = temporal;
    this.temporalTarget = temporal.target();
  }

  Result run() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopics(
        options.partitions(), signals, scaleOutSignals, run + ".signals.dlq", run + ".incidents");
    TestPostgres.Database db = postgres.newDatabase("bench");
    Envelopes stream =
        new Envelopes(
            run,
            options.events(),
            options.resources(),
            options.stormResources(),
            Instant.now().minus(Duration.ofHours(1)));

    Bench.log("producing %,d envelopes to %s", options.events(), signals);
    long t0 = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (long i = 0; i < options.events(); i++) {
        producer.send(new ProducerRecord<>(signals, stream.key(i), stream.value(i)));
      }
      producer.flush();
    }
    double produceSeconds = (System.nanoTime() - t0) / 1e9;
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (long i = 0; i < options.events(); i++) {
        producer.send(new ProducerRecord<>(scaleOutSignals, stream.key(i), stream.value(i)));
      }
      producer.flush();
    }

    Bench.log("bare consumer (parse only)");
    double bareRate = bareConsume(bootstrap);

    CallCounter calls = new CallCounter();
    Map<String, Object> properties = contextProperties(bootstrap, db, signals, group, true);
    Bench.log("starting the ingest context; consuming");
    Result partial;
    try (ApplicationContext context =
            ApplicationContext.builder()
                .properties(properties)
                .singletons(calls)
                .deduceEnvironment(false)
                .start();
        Admin admin = admin(bootstrap);
        Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      double[] rate = awaitCommitted(admin, signals, group, options.events());
      long applied = applied(sql);
      Bench.log("applied %,d; waiting for the outbox relay", applied);
      awaitOutboxDrained(sql);
      long transitions = count(sql, "select count(*) from outbox where kind = 'observation'");
      long unhealthy =
          count(
              sql,
              "select count(*) from outbox where kind = 'observation'"
                  + " and payload->'observation'->>'healthState' = 'Unhealthy'");
      long unhealthyResources =
          count(sql, "select count(*) from resource_state where health_state = 'Unhealthy'");
      long callsAfterStorm = calls.total();
      Map<String, Long> byKind = calls.byKind();
      Map<String, Integer> runs = workflowRuns();
      int maxRuns = runs.values().stream().mapToInt(Integer::intValue).max().orElse(0);

      double half = options.latencyRate() > 0 ? options.latencyRate() : rate[0] / 2;
      if (Double.isNaN(half)) {
        half = FALLBACK_PACED_RATE;
        Bench.log("no interval to measure the ingest rate over; pacing at %,.0f", half);
      }
      Bench.log(
          "latency: paced producer at %,.0f events/s, %d s warm-up then %d s measured",
          half, options.latencyWarmup(), options.latencySeconds());
      Paced paced = latency(bootstrap, sql, half);
      List<Paced> sweep = sweep(bootstrap, sql, paced);

      partial =
          new Result(
              options.events(),
              produceSeconds,
              applied,
              rate[0],
              rate[1],
              bareRate,
              paced,
              sweep,
              transitions,
              unhealthy,
              callsAfterStorm,
              byKind,
              byKind.getOrDefault("signalWithStart", 0L) + byKind.getOrDefault("start", 0L),
              runs.size(),
              maxRuns,
              unhealthyResources,
              0,
              0,
              0);
    }
    Bench.log("scale-out: two ingest instances in one group, another database");
    double[] two = twoInstances(bootstrap);
    return new Result(
        partial.produced(),
        partial.produceSeconds(),
        partial.applied(),
        partial.ingestRate(),
        partial.ingestSeconds(),
        partial.bareRate(),
        partial.paced(),
        partial.sweep(),
        partial.transitions(),
        partial.unhealthyTransitions(),
        partial.temporalCalls(),
        partial.callsByKind(),
        partial.workflowsStarted(),
        partial.workflowIds(),
        partial.maxRunsPerResource(),
        partial.unhealthyResources(),
        two[0],
        two[1],
        (long) two[2]);
  }

  /**
   * The same stream, on a topic of its own, read by two ingest instances (two application contexts,
   * one consumer group) into a fresh database, the relay off: {events/s, seconds, events applied}.
   */
  private double[] twoInstances(String bootstrap) throws Exception {
    TestPostgres.Database db = postgres.newDatabase("bench_two");
    String twoGroup = group + "-two";
    Map<String, Object> properties =
        contextProperties(bootstrap, db, scaleOutSignals, twoGroup, false);
    try (ApplicationContext a =
            ApplicationContext.builder().properties(properties).deduceEnvironment(false).start();
        ApplicationContext b =
            ApplicationContext.builder().properties(properties).deduceEnvironment(false).start();
        Admin admin = admin(bootstrap);
        Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      double[] rate = awaitCommitted(admin, scaleOutSignals, twoGroup, options.events());
      return new double[] {rate[0], rate[1], applied(sql)};
    }
  }

  /**
   * Events in the state: every event of the stream has its own id and none has a TTL, so the sum of
   * the active signals' counts is the number applied.
   */
  static long applied(Connection sql) throws SQLException {
    return count(
        sql,
        "select coalesce(sum((s->>'count')::bigint), 0) from resource_state,"
            + " json_array_elements(active_signals) as s");
  }

  private Map<String, Object> contextProperties(
      String bootstrap,
      TestPostgres.Database db,
      String topic,
      String consumerGroup,
      boolean relay) {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.server.port", "-1");
    p.put("micronaut.server.host", "127.0.0.1");
    String url = db.jdbcUrl();
    if (!options.jdbcParams().isBlank()) {
      url += (url.contains("?") ? "&" : "?") + options.jdbcParams();
    }
    p.put("datasources.default.url", url);
    p.put("datasources.default.username", db.user());
    p.put("datasources.default.password", db.password());
    p.put("kafka.bootstrap.servers", bootstrap);
    p.put("vigil.ingest.topics.signals", topic);
    p.put("vigil.ingest.topics.dlq", run + ".signals.dlq");
    p.put("vigil.ingest.topics.incidents", run + ".incidents");
    p.put("vigil.ingest.consumer.group-id", consumerGroup);
    p.put("vigil.ingest.consumer.max-batch", Integer.toString(options.maxBatch()));
    p.put("vigil.ingest.relay.enabled", Boolean.toString(relay));
    p.put("vigil.ingest.consumer.threads", Integer.toString(options.consumerThreads()));
    p.put("vigil.ingest.consumer.max-poll-records", Integer.toString(options.maxPollRecords()));
    p.put("vigil.cluster-name", "bench");
    p.put("vigil.security.enabled", "false");
    p.put("vigil.temporal.target", temporalTarget);
    // No worker polls this queue: the storm counts starts and calls, it does not run repairs.
    p.put("vigil.temporal.task-queue", STORM_TASK_QUEUE);
    return p;
  }

  /**
   * Sends as ingest's own receivers send to the signals topic ({@code KafkaProducers}): acks from
   * all replicas, linger 5 ms (the paced phase's latency includes it).
   */
  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props);
  }

  private static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(props);
  }

  /** Reads the whole topic, parsing each value as the ingest consumer does; events/s. */
  private double bareConsume(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-bare");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    long seen = 0;
    long first = 0;
    long last = 0;
    long firstBatch = 0;
    long sink = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(signals));
      while (seen < options.events() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          sink +=
              EnvelopeReader.readRecord(record.value(), Instant.ofEpochMilli(record.timestamp()))
                  .reason()
                  .length();
        }
        if (first == 0) {
          first = System.nanoTime();
          firstBatch = records.count();
        }
        seen += records.count();
        last = System.nanoTime();
      }
    }
    if (sink == 0 || seen < options.events()) {
      throw new IllegalStateException("bare consumer read " + seen + " of " + options.events());
    }
    return last == first ? Double.NaN : (seen - firstBatch) / ((last - first) / 1e9);
  }

  /** Waits until the ingest group committed {@code events}; {events/s, seconds first->last}. */
  private double[] awaitCommitted(Admin admin, String topic, String consumerGroup, long events)
      throws Exception {
    long first = 0;
    long firstCount = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
    long lastLog = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long committed = committed(admin, topic, consumerGroup);
      long now = System.nanoTime();
      if (committed > 0 && first == 0) {
        first = now;
        firstCount = committed;
      }
      if (committed >= events) {
        double seconds = (now - first) / 1e9;
        return new double[] {seconds == 0 ? Double.NaN : (events - firstCount) / seconds, seconds};
      }
      if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
        Bench.log("  committed %,d of %,d", committed, events);
        lastLog = now;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the ingest consumer did not commit every event in time");
  }

  private long committed(Admin admin, String topic, String consumerGroup)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(consumerGroup).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
      if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
        sum += entry.getValue().offset();
      }
    }
    return sum;
  }

  private static void awaitOutboxDrained(Connection sql) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (count(sql, "select count(*) from outbox where delivered_at is null") == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the outbox relay did not drain in time");
  }

  /** Runs per workflow id in the test server, open and closed. */
  private Map<String, Integer> workflowRuns() {
    Map<String, Integer> runs = new HashMap<>();
    var stub = temporal.stubs.blockingStub();
    com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse page =
          stub.listOpenWorkflowExecutions(
              ListOpenWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setMaximumPageSize(1000)
                  .setNextPageToken(token)
                  .build());
      countRuns(page.getExecutionsList(), runs);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    do {
      ListClosedWorkflowExecutionsResponse page =
          stub.listClosedWorkflowExecutions(
              ListClosedWorkflowExecutionsRequest.newBuilder()
                  .setNamespace("default")
                  .setMaximumPageSize(1000)
                  .setNextPageToken(token)
                  .build());
      countRuns(page.getExecutionsList(), runs);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return runs;
  }

  private static void countRuns(List<WorkflowExecutionInfo> infos, Map<String, Integer> runs) {
    for (WorkflowExecutionInfo info : infos) {
      if (info.getExecution().getWorkflowId().startsWith(STORM_WORKFLOWS)) {
        runs.merge(info.getExecution().getWorkflowId(), 1, Integer::sum);
      }
    }
  }

  /**
   * When the first paced run missed the p99 target, more runs look for the highest rate that meets
   * it: the rate halves until one does, then each run bisects between the best that met and the
   * lowest that missed. Each run starts once the previous one's backlog is applied (every probe of
   * it was visible).
   */
  private List<Paced> sweep(String bootstrap, Connection sql, Paced first) throws Exception {
    List<Paced> runs = new ArrayList<>();
    double met = first.meetsTarget() ? first.rate() : 0;
    double missed = first.meetsTarget() ? 0 : first.rate();
    for (int i = 0; i < options.latencySweep() && missed > 0; i++) {
      double rate = met == 0 ? missed / 2 : (met + missed) / 2;
      Bench.log("latency sweep: paced producer at %,.0f events/s", rate);
      Paced run = latency(bootstrap, sql, rate);
      Bench.log("  p99 %.0f ms", run.p99Millis());
      runs.add(run);
      if (run.meetsTarget()) {
        met = rate;
      } else {
        missed = rate;
      }
    }
    return runs;
  }

  /**
   * Produces heartbeats (no transitions) at {@code rate} for the configured seconds; every k-th is
   * a probe. A probe is visible once its partition's stored next offset ({@code ingest_offset},
   * committed in the same transaction as the state it produced) is past the probe's offset; the
   * table is read every 5 ms.
   */
  private Paced latency(String bootstrap, Connection sql, double rate) throws Exception {
    long warmup = (long) (rate * options.latencyWarmup());
    long total = warmup + Math.max(1, (long) (rate * options.latencySeconds()));
    long probeEvery = Math.max(1, (long) (rate / 500));
    int stormFree = options.resources() - options.stormResources();
    ConcurrentLinkedQueue<Probe> sent = new ConcurrentLinkedQueue<>();
    List<Double> latencies = new ArrayList<>();
    List<Double> warmLatencies = new ArrayList<>();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread poller =
        Thread.ofPlatform()
            .name("bench-latency-poller")
            .start(() -> pollVisibility(sql, rate, sent, latencies, warmLatencies, producing));
    Envelopes.Heartbeats heartbeats = new Envelopes.Heartbeats(run + "-lat-", options.resources());
    CpuUse.Sources cpu = CpuUse.Sources.of(kafka.pid(), postgres.process());
    CpuUse.Sample measuredFrom = null;
    CpuUse.Sample measuredTo;
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (long j = 0; j < total; j++) {
        if (j == warmup) {
          measuredFrom = cpu.sample();
        }
        long due = start + (long) (j * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > PACING_TICK_NANOS) {
          // sends what falls due within a tick at once: a park per event cost the load generator
          // a seventh of a core at 15,000 events/s, on the machine it measures
          LockSupport.parkNanos(wait);
        }
        int resource = options.stormResources() + (int) (j % Math.max(1, stormFree));
        boolean warm = j < warmup;
        boolean probe = (warm ? j : j - warmup) % probeEvery == 0;
        long now = System.nanoTime();
        producer.send(
            new ProducerRecord<>(
                signals,
                heartbeats.key(resource),
                heartbeats.value(j, resource, System.currentTimeMillis())),
            probe
                ? (metadata, e) -> {
                  if (e == null) {
                    sent.add(
                        new Probe(
                            metadata.partition(), metadata.offset(), now, System.nanoTime(), warm));
                  }
                }
                : null);
      }
      producer.flush();
      measuredTo = cpu.sample();
    }
    double achieved = total / ((System.nanoTime() - start) / 1e9);
    Bench.log("  paced producer achieved %,.0f events/s", achieved);
    producing.set(false);
    poller.join(TimeUnit.SECONDS.toMillis(60));
    if (poller.isAlive()) {
      poller.interrupt();
      throw new IllegalStateException("latency probes not all visible within 60 s");
    }
    double[] sorted;
    double[] warmSorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      warmSorted = warmLatencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no latency probe became visible");
    }
    return new Paced(
        rate,
        sorted.length,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1],
        warmSorted.length == 0 ? Double.NaN : percentile(warmSorted, 0.99),
        CpuUse.between(measuredFrom, measuredTo));
  }

  private static final long PACING_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * A probe event: where Kafka put it, when it was sent and acknowledged (nanoTime), whether in the
   * warm-up.
   */
  private record Probe(int partition, long offset, long sentAt, long ackedAt, boolean warm) {}

  private void pollVisibility(
      Connection sql,
      double rate,
      ConcurrentLinkedQueue<Probe> sent,
      List<Double> latencies,
      List<Double> warmLatencies,
      AtomicBoolean producing) {
    List<Probe> waiting = new ArrayList<>();
    try (PreparedStatement select =
            sql.prepareStatement(
                "select partition, next_offset from ingest_offset where topic = ?");
        PrintWriter dump = dump()) {
      select.setString(1, signals);
      while (producing.get() || !waiting.isEmpty() || !sent.isEmpty()) {
        for (Probe p; (p = sent.poll()) != null; ) {
          waiting.add(p);
        }
        if (!waiting.isEmpty()) {
          Map<Integer, Long> stored = new HashMap<>();
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              stored.put(rs.getInt(1), rs.getLong(2));
            }
          }
          long now = System.nanoTime();
          List<Probe> visible = new ArrayList<>();
          for (Probe p : waiting) {
            if (stored.getOrDefault(p.partition(), -1L) > p.offset()) {
              visible.add(p);
            }
          }
          synchronized (latencies) {
            for (Probe p : visible) {
              double millis = (now - p.sentAt()) / 1e6;
              (p.warm() ? warmLatencies : latencies).add(millis);
              if (dump != null) {
                dump.printf(
                    Locale.ROOT,
                    "%.0f %d %d %d %.1f %.1f %s%n",
                    rate,
                    System.currentTimeMillis() - (System.nanoTime() - p.sentAt()) / 1_000_000,
                    p.partition(),
                    p.offset(),
                    millis,
                    (p.ackedAt() - p.sentAt()) / 1e6,
                    p.warm() ? "warm" : "measured");
              }
            }
          }
          waiting.removeAll(visible);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.latencyDump(), e);
    }
  }

  /** The probe dump ({@code --latency-dump}), appended to by every paced run; null: none. */
  private PrintWriter dump() throws IOException {
    if (options.latencyDump().isBlank()) {
      return null;
    }
    return new PrintWriter(
        Files.newBufferedWriter(
            Path.of(options.latencyDump()), StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  static double percentile(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static long count(Connection sql, String query) throws SQLException {
    try (Statement statement = sql.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
