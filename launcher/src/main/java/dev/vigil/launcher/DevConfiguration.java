package dev.vigil.launcher;

import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the one context that holds ingest, api and worker: {@code vigil-dev.yml}
 * (what the three services need, since only one of their {@code application.yml} is visible on a
 * shared classpath) ranked above that file and below environment variables, plus the addresses of
 * what the launcher started, ranked highest.
 */
final class DevConfiguration {
  static final String RESOURCE = "vigil-dev.yml";

  private DevConfiguration() {}

  /** {@code vigil-dev.yml} as a property source between application.yml and the environment. */
  static PropertySource devDefaults() {
    try (InputStream in = DevConfiguration.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      Map<String, Object> values = new YamlPropertySourceLoader().read(RESOURCE, in);
      return PropertySource.of(RESOURCE, values, EnvironmentPropertySource.POSITION - 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the embedded dependencies listen, and the switches of this run. */
  static Map<String, Object> runtime(
      DevOptions options,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      String kafkaBootstrap,
      String temporalTarget,
      boolean temporalKeepAlive,
      boolean dryRun) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("micronaut.server.host", "127.0.0.1");
    p.put("micronaut.server.port", options.httpPort() == 0 ? -1 : options.httpPort());
    p.put("vigil.api.grpc.host", "127.0.0.1");
    p.put("vigil.api.grpc.port", options.grpcPort());
    p.put("datasources.default.url", jdbcUrl);
    p.put("datasources.default.username", dbUser);
    p.put("datasources.default.password", dbPassword);
    p.put("kafka.bootstrap.servers", kafkaBootstrap);
    p.put("vigil.temporal.target", temporalTarget);
    // the Java test server answers the SDK's keep-alive pings with GOAWAY too_many_pings
    p.put("vigil.temporal.keep-alive", temporalKeepAlive);
    p.put("vigil.security.dev-token-enabled", true);
    p.put("vigil.security.dev-token", options.devToken());
    p.put("vigil.dry-run", dryRun);
    // the daemon the launcher probed is the one the Docker actions use
    p.put("vigil.docker.host", DockerProbe.host());
    p.put(
        "vigil.incidents.ticket-base-url",
        "http://127.0.0.1:"
            + (options.httpPort() == 0 ? 8080 : options.httpPort())
            + "/v1/incidents/");
    if (options.policiesFile() != null) {
      p.put("vigil.policies.file", options.policiesFile().toString());
    }
    return p;
  }
}
