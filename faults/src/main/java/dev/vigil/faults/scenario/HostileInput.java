package dev.vigil.faults.scenario;

import dev.vigil.faults.Outcome;
import dev.vigil.faults.Scale;
import dev.vigil.faults.Scenario;
import dev.vigil.faults.rig.Http;
import dev.vigil.faults.rig.Pause;
import dev.vigil.faults.rig.Rig;
import dev.vigil.faults.rig.ServiceProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Scenario 7: thousands of broken and hostile requests across the three receivers and the API
 * ({@link HostileRequests}), each with a token that may make the call, so they reach the input
 * checks. Every one must be refused with a 4xx problem detail; none may be a 5xx; no service may
 * restart; nothing may be written (no record on {@code vigil.signals}, no row in the state tables;
 * refused mutations are audited, which is the point of the audit log). Then poison records go
 * straight to Kafka: each must end on the DLQ with the reason in its headers, and none in the
 * state.
 */
public final class HostileInput implements Scenario {
  private static final int INGEST_MAX_BODY = 16 * 1024 * 1024;

  @Override
  public String name() {
    return "7 hostile input";
  }

  @Override
  public Outcome run(Rig rig, Scale scale) throws Exception {
    Outcome outcome = new Outcome(name());
    Map<ServiceProcess, Long> pids =
        Map.of(
            rig.ingest(),
            rig.ingest().pid(),
            rig.api(),
            rig.api().pid(),
            rig.worker(),
            rig.worker().pid());
    String mark = "%s7-" + rig.run() + "%";
    Map<String, Long> tablesBefore = written(rig, mark);
    long signalsBefore = Progress.end(rig, Progress.SIGNALS);
    long auditBefore = rig.store().count("select count(*) from audit_log");

    List<HostileRequests.Request> requests =
        new HostileRequests(42, rig.run(), INGEST_MAX_BODY, 3).generate(scale.hostileRequests());
    Map<String, int[]> byCategory = new TreeMap<>();
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger resent = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> futures = new ArrayList<>();
      for (HostileRequests.Request request : requests) {
        futures.add(
            pool.submit(
                () -> {
                  Http.Response r = send(rig, request);
                  if (r.status() < 0) {
                    // The connection died under the request (a pooled keep-alive connection the
                    // server had just closed): a client sends it again, as Alertmanager does.
                    resent.incrementAndGet();
                    r = send(rig, request);
                  }
                  boolean problem =
                      String.valueOf(r.header("Content-Type"))
                          .startsWith("application/problem+json");
                  boolean ok = r.status() >= 400 && r.status() < 500 && problem;
                  if (r.status() >= 500) {
                    serverErrors.incrementAndGet();
                  }
                  synchronized (byCategory) {
                    int[] counts = byCategory.computeIfAbsent(request.category(), k -> new int[2]);
                    counts[0]++;
                    counts[1] += ok ? 1 : 0;
                  }
                  if (!ok && wrong.size() < 25) {
                    wrong.add(
                        request.category()
                            + " "
                            + request.method()
                            + " "
                            + abbreviate(request.path())
                            + " -> "
                            + r.status()
                            + " "
                            + r.header("Content-Type")
                            + " "
                            + abbreviate(r.body()));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    outcome.signalsSent(requests.size());
    int refused = byCategory.values().stream().mapToInt(c -> c[1]).sum();
    outcome.check(
        refused == requests.size(),
        (requests.size() - refused) + " requests not refused with a 4xx problem detail: " + wrong);
    outcome.http5xx(serverErrors.get());
    StringBuilder categories = new StringBuilder();
    byCategory.forEach(
        (k, v) ->
            categories.append(k).append(' ').append(v[1]).append('/').append(v[0]).append(", "));
    outcome.note(
        "%d requests in %d ms (%d sent again after a dropped connection); 4xx problem by kind: %s"
            .formatted(requests.size(), millis, resent.get(), categories));

    // poison straight to Kafka
    int poison = scale.poisonRecords();
    long dlqBefore = Progress.end(rig, Progress.DLQ);
    long signalsBeforePoison = Progress.end(rig, Progress.SIGNALS);
    outcome.check(
        signalsBeforePoison == signalsBefore,
        (signalsBeforePoison - signalsBefore)
            + " records reached vigil.signals from refused requests");
    List<byte[]> bodies = poisonBodies(rig.run(), poison);
    for (int i = 0; i < bodies.size(); i++) {
      rig.producer()
          .send(
              new ProducerRecord<>(
                  Progress.SIGNALS,
                  ("faults/s7-" + rig.run() + "/poison-" + i).getBytes(StandardCharsets.UTF_8),
                  bodies.get(i)));
    }
    rig.producer().flush();
    Duration converge =
        Pause.until(
            "every poison record on the DLQ",
            Duration.ofMinutes(2),
            () -> Progress.end(rig, Progress.DLQ) - dlqBefore >= poison);
    outcome.converge(converge);
    List<String> reasons = dlqReasons(rig, poison);
    outcome.check(
        reasons.size() == poison && reasons.stream().noneMatch(String::isBlank),
        "DLQ records without a reason: " + reasons.size() + " of " + poison);
    outcome.note(
        "poison: %d records, %d on the DLQ with a reason (e.g. \"%s\")"
            .formatted(
                poison, reasons.size(), reasons.isEmpty() ? "" : abbreviate(reasons.getFirst())));

    // nothing written, nothing restarted
    Pause.until(
        "the consumer past the poison",
        Duration.ofMinutes(1),
        () -> Progress.committed(rig, Progress.SIGNALS) >= Progress.end(rig, Progress.SIGNALS));
    Map<String, Long> tablesAfter = written(rig, mark);
    outcome.check(
        tablesAfter.equals(tablesBefore),
        "rows about this scenario's resources: " + tablesBefore + " -> " + tablesAfter);
    outcome.state(0, tablesAfter.get("resource_state") - tablesBefore.get("resource_state"));
    outcome.lost(0);
    outcome.doubled(0);
    for (Map.Entry<ServiceProcess, Long> e : pids.entrySet()) {
      outcome.check(
          e.getKey().isAlive() && e.getKey().pid() == e.getValue(),
          e.getKey().name() + " restarted or died");
    }
    outcome.note(
        "%d refused mutations audited"
            .formatted(rig.store().count("select count(*) from audit_log") - auditBefore));
    return outcome;
  }

  /** Rows anything in this scenario could have written, by table. */
  private static Map<String, Long> written(Rig rig, String mark) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put(
        "resource_state",
        rig.store().count("select count(*) from resource_state where id like ?", mark));
    counts.put(
        "signal_inbox",
        rig.store().count("select count(*) from signal_inbox where resource_id like ?", mark));
    counts.put(
        "outbox", rig.store().count("select count(*) from outbox where aggregate_id like ?", mark));
    counts.put(
        "incident",
        rig.store().count("select count(*) from incident where resource_id like ?", mark));
    return counts;
  }

  private static Http.Response send(Rig rig, HostileRequests.Request request) {
    boolean api = !request.path().startsWith("/v1/ingest");
    String base = api ? rig.api().baseUrl() : rig.ingest().baseUrl();
    String token = api ? rig.credentials().admin() : rig.credentials().token("ingest:write");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + request.path()))
            .header("Authorization", "Bearer " + token);
    if (request.contentType() != null) {
      b.header("Content-Type", request.contentType());
    }
    if (request.method().equals("POST")) {
      b.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } else {
      b.GET();
    }
    return request.stream() ? rig.http().sendHeadersOnly(b) : rig.http().send(b);
  }

  /** Records no consumer can use: broken JSON, wrong types, bad bytes, empty, absurd ids. */
  static List<byte[]> poisonBodies(String run, int n) {
    List<byte[]> bodies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String json =
          switch (i % 6) {
            case 0 -> "{\"id\": \"p" + i + "\", \"resourceId\": ";
            case 1 -> "{\"id\": 5, \"resourceId\": [\"x\"], \"reason\": {}}";
            case 2 -> "not json at all " + i;
            case 3 -> "";
            case 4 ->
                "{\"id\":\"p"
                    + i
                    + "\",\"source\":\"faults\",\"resourceId\":\"faults/s7-"
                    + run
                    + "/../../"
                    + i
                    + "\",\"resourceType\":\"faults/host\",\"code\":\"Alert\","
                    + "\"reason\":\"Poison\",\"severity\":\"warning\",\"status\":\"firing\"}";
            default -> null;
          };
      if (json == null) {
        byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        bodies.add(bad);
      } else {
        bodies.add(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    return bodies;
  }

  /** The {@code vigil.dlq.error} header of the last {@code n} DLQ records. */
  private static List<String> dlqReasons(Rig rig, int n) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.kafka().bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<String> reasons = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Progress.DLQ).stream()
              .map(p -> new TopicPartition(Progress.DLQ, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long total = Progress.end(rig, Progress.DLQ);
      while (all.size() < total && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(all::add);
      }
      for (ConsumerRecord<byte[], byte[]> record : all) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith("faults/s7-" + rig.run() + "/poison-")) {
          Header error = record.headers().lastHeader("vigil.dlq.error");
          reasons.add(error == null ? "" : new String(error.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return reasons.size() > n ? reasons.subList(0, n) : reasons;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String one = s.replace('\n', ' ');
    return one.length() > 160 ? one.substring(0, 160) + "..." : one;
  }
}
