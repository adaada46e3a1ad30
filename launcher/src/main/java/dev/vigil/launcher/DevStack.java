package dev.vigil.launcher;

import dev.vigil.kafkadev.LocalKafka;
import dev.vigil.temporaldev.DevTemporal;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil running locally: PostgreSQL, Kafka and Temporal started from Maven artifacts (or the
 * Temporal CLI), then ingest, api and worker in one Micronaut context. {@link #close} stops it in
 * the safe order: HTTP first (no new work), the worker (running activities get their grace), the
 * consumer and outbox relay with the rest of the context, then Kafka, PostgreSQL and Temporal.
 */
public final class DevStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  private final DevOptions options;
  private LocalPostgres postgres;
  private LocalKafka kafka;
  private DevTemporal temporal;
  private ApplicationContext context;
  private EmbeddedServer server;
  private boolean dockerAvailable;
  private boolean dryRun;
  private boolean closed;

  private DevStack(DevOptions options) {
    this.options = options;
  }

  /** Starts everything and waits for readiness; on failure stops what did start. */
  public static DevStack start(DevOptions options) throws Exception {
    DevStack stack = new DevStack(options);
    try {
      stack.startAll();
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startAll() throws Exception {
    Path data = options.dataDir();
    if (options.wipe()) {
      wipe(data);
    }
    Files.createDirectories(data);
    long t0 = System.nanoTime();
    postgres = LocalPostgres.start(data.resolve("postgres"), options.pgPort());
    LOG.info("PostgreSQL on 127.0.0.1:{} ({})", postgres.port(), data.resolve("postgres"));
    kafka =
        LocalKafka.start(data.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort());
    KafkaTopics.ensure(kafka.bootstrapServers(), KafkaTopics.VIGIL_TOPICS);
    LOG.info("Kafka on {}, topics {}", kafka.bootstrapServers(), KafkaTopics.VIGIL_TOPICS);
    temporal =
        DevTemporal.start(
            options.temporalPort(),
            options.temporalUiPort(),
            data.resolve("temporal"),
            options.preferTemporalCli());
    LOG.info(
        "Temporal ({}) on {}, search attributes registered", temporal.kind(), temporal.target());
    dockerAvailable = DockerProbe.available();
    dryRun = options.dryRun() || !dockerAvailable;
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .banner(false)
            .propertySources(DevConfiguration.devDefaults())
            .properties(
                DevConfiguration.runtime(
                    options,
                    postgres.jdbcUrl(),
                    postgres.user(),
                    postgres.password(),
                    kafka.bootstrapServers(),
                    temporal.target(),
                    temporal.kind() == DevTemporal.Kind.CLI,
                    dryRun))
            .start();
    server = context.getBean(EmbeddedServer.class).start();
    Readiness.await(baseUrl(), Duration.ofSeconds(180));
    LOG.info("ready in {} ms", Duration.ofNanos(System.nanoTime() - t0).toMillis());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int httpPort() {
    return server.getPort();
  }

  /** Where the gRPC API listens ({@code 127.0.0.1:<port>}). */
  public String grpcAddress() {
    return "127.0.0.1:" + context.getBean(dev.vigil.api.grpc.GrpcServer.class).port();
  }

  public String devToken() {
    return options.devToken();
  }

  public boolean dockerAvailable() {
    return dockerAvailable;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public DevTemporal temporal() {
    return temporal;
  }

  public ApplicationContext context() {
    return context;
  }

  public List<Policy> policies() {
    return context.getBean(PolicyMatcher.class).policies();
  }

  /** The start banner: URLs, policies, and a ready-to-paste alert. */
  public void printBanner(PrintStream out) {
    Banner.print(out, this, options);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> steps = new ArrayList<>();
    if (server != null) {
      quietly("HTTP server", server::stop);
      steps.add("HTTP");
    }
    if (context != null) {
      context
          .findBean(dev.vigil.worker.TemporalWorker.class)
          .ifPresent(w -> quietly("worker", w::stop));
      steps.add("worker");
      quietly("ingest, api and worker context", context::close);
      steps.add("consumer+relay");
    }
    if (kafka != null) {
      quietly("Kafka", kafka::close);
      steps.add("Kafka");
    }
    if (postgres != null) {
      quietly("PostgreSQL", postgres::close);
      steps.add("PostgreSQL");
    }
    if (temporal != null) {
      quietly("Temporal", temporal::close);
      steps.add("Temporal");
    }
    LOG.info("stopped: {}", String.join(" -> ", steps));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (Exception | Error e) {
      LOG.warn("stopping {} failed: {}", what, e.toString());
    }
  }

  public static void wipe(Path dir) throws IOException {
    DataDirs.wipe(dir);
  }
}
