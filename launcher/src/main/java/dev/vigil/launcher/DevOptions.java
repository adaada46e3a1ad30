package dev.vigil.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's command line ({@code ./vigil dev --help}); environment variables give the defaults
 * where docs/design.md names one ({@code VIGIL_HTTP_PORT}, {@code VIGIL_DEV_TOKEN}).
 *
 * @param dataDir everything the local run keeps (PostgreSQL, Kafka, Temporal's SQLite file)
 * @param wipe delete {@code dataDir} before starting
 * @param httpPort the HTTP API and ingest port; 0 picks a free one
 * @param grpcPort the gRPC API port; 0 picks a free one
 * @param pgPort PostgreSQL's port
 * @param kafkaPort Kafka's broker port
 * @param kafkaControllerPort Kafka's KRaft controller port
 * @param temporalPort Temporal's frontend port
 * @param temporalUiPort the Temporal Web UI port (CLI only)
 * @param preferTemporalCli use {@code temporal server start-dev} when the CLI is on the PATH
 * @param policiesFile a policies file, or null for the example policies on the classpath
 * @param dryRun force global dry-run (actions record "would do" and change nothing)
 * @param devToken the bearer token with every scope
 */
public record DevOptions(
    Path dataDir,
    boolean wipe,
    int httpPort,
    int grpcPort,
    int pgPort,
    int kafkaPort,
    int kafkaControllerPort,
    int temporalPort,
    int temporalUiPort,
    boolean preferTemporalCli,
    Path policiesFile,
    boolean dryRun,
    String devToken) {

  static final String USAGE =
      """
      usage: vigil dev [--data-dir DIR] [--wipe] [--port N] [--grpc-port N] [--pg-port N] [--kafka-port N]
                       [--kafka-controller-port N] [--temporal-port N] [--temporal-ui-port N]
                       [--no-temporal-cli] [--policies FILE] [--dry-run]
        --data-dir DIR   where PostgreSQL, Kafka and Temporal keep their data (default .vigil-dev)
        --wipe           delete the data directory first
        --port N         HTTP port of the API and ingest (env VIGIL_HTTP_PORT, default 8080; 0 = free)
        --grpc-port N    gRPC port of the API (env VIGIL_GRPC_PORT, default 9090; 0 = free)
        --policies FILE  policies file (default: the example policies, platform policies/default.yaml)
        --dry-run        actions record what they would do and change nothing
        --no-temporal-cli  use the Java test server even when the temporal CLI is installed
      the dev token (all scopes) is env VIGIL_DEV_TOKEN, default dev-token
      """;

  /** Parses the arguments; unknown ones throw {@link IllegalArgumentException}. */
  public static DevOptions parse(String[] args, Map<String, String> env) {
    Path dataDir = Path.of(".vigil-dev");
    boolean wipe = false;
    int httpPort = Integer.parseInt(env.getOrDefault("VIGIL_HTTP_PORT", "8080"));
    int grpcPort = Integer.parseInt(env.getOrDefault("VIGIL_GRPC_PORT", "9090"));
    int pgPort = 55432;
    int kafkaPort = 9092;
    int kafkaControllerPort = 9093;
    int temporalPort = 7233;
    int temporalUiPort = 8233;
    boolean preferCli = true;
    Path policies =
        env.containsKey("VIGIL_POLICIES_FILE") ? Path.of(env.get("VIGIL_POLICIES_FILE")) : null;
    boolean dryRun = "true".equalsIgnoreCase(env.get("VIGIL_DRY_RUN"));
    String token = env.getOrDefault("VIGIL_DEV_TOKEN", "dev-token");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--wipe" -> wipe = true;
        case "--port" -> httpPort = port(value(args, ++i, arg));
        case "--grpc-port" -> grpcPort = port(value(args, ++i, arg));
        case "--pg-port" -> pgPort = port(value(args, ++i, arg));
        case "--kafka-port" -> kafkaPort = port(value(args, ++i, arg));
        case "--kafka-controller-port" -> kafkaControllerPort = port(value(args, ++i, arg));
        case "--temporal-port" -> temporalPort = port(value(args, ++i, arg));
        case "--temporal-ui-port" -> temporalUiPort = port(value(args, ++i, arg));
        case "--no-temporal-cli" -> preferCli = false;
        case "--policies" -> policies = Path.of(value(args, ++i, arg));
        case "--dry-run" -> dryRun = true;
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    return new DevOptions(
        dataDir.toAbsolutePath().normalize(),
        wipe,
        httpPort,
        grpcPort,
        pgPort,
        kafkaPort,
        kafkaControllerPort,
        temporalPort,
        temporalUiPort,
        preferCli,
        policies == null ? null : policies.toAbsolutePath().normalize(),
        dryRun,
        token);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int port(String value) {
    int port = Integer.parseInt(value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + value);
    }
    return port;
  }
}
