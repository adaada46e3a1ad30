package dev.vigil.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.workflows.workflow.VigilSearchAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code temporal-dev/compose.yaml}, checked without Docker Compose (no registry here): it parses,
 * holds the services of the full stack with their ports, registers every Vigil search attribute and
 * topic, and every environment variable given to a Vigil service is one that service reads (a
 * placeholder in its {@code application.yml}, or the relaxed form of a key it binds).
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..");
  private static final Path COMPOSE = Path.of("compose.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    try (InputStream in = Files.newInputStream(COMPOSE)) {
      return (Map<String, Object>) new Yaml(options).load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) throws IOException {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    assertThat(services).containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  @SuppressWarnings("unchecked")
  @Test
  void services_ofTheFullStack_withTheirPorts() throws IOException {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    assertThat(services)
        .containsKeys(
            "postgresql",
            "temporal",
            "temporal-ui",
            "temporal-search-attributes",
            "kafka",
            "kafka-topics",
            "ingest",
            "api",
            "worker");
    assertThat((List<String>) service("temporal").get("ports")).contains("7233:7233");
    assertThat((List<String>) service("temporal-ui").get("ports")).contains("8233:8080");
    assertThat((List<String>) service("api").get("ports")).contains("8080:8080");
    assertThat((List<String>) service("postgresql").get("ports")).contains("5432:5432");
    assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
    assertThat((Map<String, Object>) service("kafka").get("environment"))
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    assertThat((Map<String, Object>) service("ingest").get("build"))
        .containsEntry("context", "..")
        .containsEntry("dockerfile", "Dockerfile");
    assertThat(Files.exists(ROOT.resolve("Dockerfile"))).isTrue();
    for (String svc : List.of("ingest", "api", "worker")) {
      assertThat((List<String>) service(svc).get("command")).containsExactly(svc);
    }
  }

  @Test
  void oneShots_registerEverySearchAttributeAndTopic() throws IOException {
    String attributes = String.valueOf(service("temporal-search-attributes").get("command"));
    VigilSearchAttributes.definitions()
        .forEach(
            (name, type) ->
                assertThat(attributes)
                    .contains(name + ":" + (type.name().endsWith("KEYWORD") ? "Keyword" : "Int")));
    assertThat(attributes).contains("temporal operator search-attribute create");
    String topics = String.valueOf(service("kafka-topics").get("command"));
    assertThat(topics).contains("vigil.signals", "vigil.signals.dlq", "vigil.incidents");
  }

  @SuppressWarnings("unchecked")
  @Test
  void vigilServices_getOnlyEnvironmentTheyRead() throws IOException {
    Map<String, List<String>> modules =
        Map.of(
            "ingest", List.of("ingest", "platform", "web"),
            "api", List.of("api", "platform", "web"),
            "worker", List.of("worker", "platform", "activities"));
    for (var entry : modules.entrySet()) {
      Map<String, Object> env =
          new LinkedHashMap<>((Map<String, Object>) service(entry.getKey()).get("environment"));
      String yml = Files.readString(resource(entry.getKey(), "application.yml"));
      String sources = sources(entry.getValue());
      for (String key : env.keySet()) {
        String dotted = key.toLowerCase().replace('_', '.');
        String prefix = dotted.substring(0, dotted.lastIndexOf('.'));
        boolean read =
            yml.contains("${" + key + ":")
                || sources.contains("@ConfigurationProperties(\"" + prefix + "\")");
        assertThat(read).as("%s: %s is read by the service", entry.getKey(), key).isTrue();
      }
    }
    assertThat((Map<String, Object>) service("ingest").get("environment"))
        .containsKeys("VIGIL_DB_URL", "VIGIL_KAFKA_BOOTSTRAP", "VIGIL_TEMPORAL_TARGET");
    assertThat((Map<String, Object>) service("worker").get("environment"))
        .containsKeys("VIGIL_DB_URL", "VIGIL_TEMPORAL_TARGET");
  }

  private static Path resource(String module, String name) {
    return ROOT.resolve(module).resolve("src/main/resources").resolve(name);
  }

  private static String sources(List<String> modules) throws IOException {
    StringBuilder all = new StringBuilder();
    for (String module : modules) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          all.append(Files.readString(f));
        }
      }
    }
    return all.toString();
  }
}
