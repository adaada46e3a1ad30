package dev.vigil.faults.rig;

import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.temporaldev.TestServerProcess;
import dev.vigil.testkit.TestDocker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Vigil as deployed, on one machine: PostgreSQL (fsync and synchronous commit on), one Kafka broker
 * and Temporal's test server, each a process of its own; ingest, api and worker as three JVMs
 * started from their own runtime classpaths and configured by environment variables, as the Helm
 * chart configures them; the worker reaches Temporal through a {@link TcpProxy} the suite can
 * partition. Every secret is fresh ({@link Credentials}) and every service logs JSON to a file.
 */
public final class Rig implements AutoCloseable {
  /** Where the rig lives and how its services run. */
  public record Options(Path workDir, Path repo, Duration actionHeartbeatTimeout, PrintStream log) {
    public static Options defaults(Path workDir, Path repo, PrintStream log) {
      return new Options(workDir, repo, Duration.ofSeconds(5), log);
    }
  }

  /** The policies the scenarios' resources match (see each scenario). */
  static final String POLICIES =
      """
      policies:
        # Scenarios 1 and 6: a docker service scaled to 2 replicas, readiness checked.
        - name: faults-scale
          match: { resourceType: docker/service, reasons: [HighCPU] }
          recurrenceWindow: 5s
          maxAttempts: 1
          ladder:
            - action: docker.scale
              params: { replicas: 2, readinessTimeout: 3m }
              verifyWithin: 10m
              timeout: 5m
        # Scenario 3: a fleet of pods whose repair waits at an approval gate (no action runs).
        - name: faults-fleet
          match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff] }
          ladder:
            - { action: k8s.deletePod, requiresApproval: true, verifyWithin: 30m }
      """;

  private final Options options;
  private final String run = "f" + UUID.randomUUID().toString().substring(0, 6);
  private final Credentials credentials = new Credentials();
  private final Http http = new Http();
  private PostgresServer postgres;
  private KafkaBroker kafka;
  private TestServerProcess temporal;
  private TcpProxy workerToTemporal;
  private ServiceProcess ingest;
  private ServiceProcess api;
  private ServiceProcess worker;
  private ServiceProcess ingestPeer;
  private Store store;
  private Workflows workflows;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;

  private Rig(Options options) {
    this.options = options;
  }

  public static Rig start(Options options) {
    Rig rig = new Rig(options);
    try {
      rig.startAll();
      return rig;
    } catch (RuntimeException | Error e) {
      rig.close();
      throw e;
    }
  }

  private void startAll() {
    Path work = options.workDir();
    try {
      Files.createDirectories(work);
      Files.writeString(work.resolve("policies.yaml"), POLICIES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long t0 = System.nanoTime();
    postgres = PostgresServer.start(work.resolve("postgres"));
    store = new Store(postgres);
    log("PostgreSQL %s %s", postgres.jdbcUrl(), postgres.durability());
    kafka = KafkaBroker.start(work.resolve("kafka"));
    log("Kafka %s", kafka.bootstrapServers());
    temporal = TestServerProcess.start(LoopbackPorts.free(), work.resolve("temporal.log"), "1g");
    workerToTemporal = TcpProxy.start("127.0.0.1", temporal.port());
    workflows = new Workflows(temporal::target);
    log(
        "Temporal test server %s (worker through %s)",
        temporal.target(), workerToTemporal.target());

    ingest = service(ServiceProcess.Kind.INGEST, temporal.target());
    api = service(ServiceProcess.Kind.API, temporal.target());
    worker = service(ServiceProcess.Kind.WORKER, workerToTemporal.target());
    // one at a time: three JVMs starting at once on two cores take longer than in turn, and the
    // first one migrates the schema
    for (ServiceProcess service : List.of(ingest, api, worker)) {
      service.start();
      Duration took = service.awaitReady(Duration.ofMinutes(3));
      log("%s ready in %d ms (pid %d)", service.name(), took.toMillis(), service.pid());
    }
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    log("rig %s up in %d s", run, Duration.ofNanos(System.nanoTime() - t0).toSeconds());
  }

  /**
   * Starts again any service a scenario left dead (one that failed half-way), so the next scenario
   * begins on a whole rig instead of failing for the previous one's reason.
   */
  public void restoreServices() {
    // the three every scenario expects; a second ingest instance only runs within its scenario
    for (ServiceProcess service : List.of(ingest, api, worker)) {
      if (!service.isAlive()) {
        log("%s is not running after the last scenario; starting it again", service.name());
        service.start();
        Duration took = service.awaitReady(Duration.ofMinutes(3));
        log("%s ready in %d ms (pid %d)", service.name(), took.toMillis(), service.pid());
      }
    }
  }

  private ServiceProcess service(ServiceProcess.Kind kind, String temporalTarget) {
    return service(kind, temporalTarget, kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  private ServiceProcess service(ServiceProcess.Kind kind, String temporalTarget, String name) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_DB_URL", postgres.jdbcUrl());
    env.put("VIGIL_DB_USER", postgres.user());
    env.put("VIGIL_DB_PASSWORD", credentials.databasePassword());
    env.put("VIGIL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("VIGIL_TEMPORAL_TARGET", temporalTarget);
    env.put("VIGIL_TEMPORAL_KEEP_ALIVE", "false");
    env.put("VIGIL_API_TOKENS", credentials.tokenList());
    env.put("VIGIL_POLICIES_FILE", options.workDir().resolve("policies.yaml").toString());
    env.put("VIGIL_LOG_FORMAT", "json");
    env.put("VIGIL_SECURITY_ENABLED", "true");
    if (kind == ServiceProcess.Kind.API) {
      // a free port, kept across restarts of the process (9090 may be anyone's here)
      env.put("VIGIL_GRPC_PORT", Integer.toString(LoopbackPorts.free()));
    }
    List<String> jvm = new ArrayList<>();
    String extra = System.getenv("VIGIL_FAULTS_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      jvm.addAll(List.of(extra.trim().split("\\s+")));
    } else {
      jvm.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }
    jvm.add(
        "-Dmicronaut.security.token.jwt.signatures.secret.generator.secret="
            + credentials.jwtSecret());
    jvm.add("-Dmicronaut.security.token.jwt.signatures.secret.generator.jws-algorithm=HS256");
    if (kind == ServiceProcess.Kind.INGEST) {
      // a dead instance's partitions move to the survivors within seconds, not Kafka's default 45
      jvm.add("-Dkafka.session.timeout.ms=10000");
      jvm.add("-Dkafka.heartbeat.interval.ms=2000");
    }
    if (kind == ServiceProcess.Kind.WORKER) {
      jvm.add(
          "-Dvigil.worker.remediation.action-heartbeat-timeout="
              + options.actionHeartbeatTimeout().toMillis()
              + "ms");
      jvm.add("-Dvigil.worker.shutdown-grace=5s");
    }
    return new ServiceProcess(
        kind,
        name,
        options.repo(),
        options.workDir().resolve("logs"),
        LoopbackPorts.free(),
        env,
        jvm);
  }

  /** A producer straight to the broker (acks=all), as a service that skips the receivers would. */
  public synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  public void log(String format, Object... args) {
    options.log().printf("[faults] " + format + "%n", args);
    options.log().flush();
  }

  public String run() {
    return run;
  }

  public Options options() {
    return options;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Http http() {
    return http;
  }

  public Store store() {
    return store;
  }

  public Workflows workflows() {
    return workflows;
  }

  public Admin admin() {
    return admin;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public TestServerProcess temporal() {
    return temporal;
  }

  public TcpProxy workerToTemporal() {
    return workerToTemporal;
  }

  public ServiceProcess ingest() {
    return ingest;
  }

  public ServiceProcess api() {
    return api;
  }

  public ServiceProcess worker() {
    return worker;
  }

  /**
   * A second ingest instance in the same consumer group (started on first use): the group splits
   * the partitions between the two.
   */
  public synchronized ServiceProcess ingestPeer() {
    if (ingestPeer == null) {
      ingestPeer = service(ServiceProcess.Kind.INGEST, temporal.target(), "ingest-b");
    }
    return ingestPeer;
  }

  public List<ServiceProcess> services() {
    return ingestPeer == null
        ? List.of(ingest, api, worker)
        : List.of(ingest, api, worker, ingestPeer);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    for (ServiceProcess service : new ServiceProcess[] {ingest, api, worker, ingestPeer}) {
      if (service != null) {
        service.stop();
      }
    }
    if (workerToTemporal != null) {
      workerToTemporal.close();
    }
    if (temporal != null) {
      temporal.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (TestDocker.available()) {
      TestDocker.removeContainersLabelled("vigil.faults", run);
    }
  }
}
